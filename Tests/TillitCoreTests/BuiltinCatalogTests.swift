import Testing
@testable import TillitCore

/// The catalog of built-ins (in Config/, what the parser knows) and the checks that do them
/// (in Checks/Builtins/) are kept apart; each name of the one has a check in the other.
@Suite struct BuiltinCatalogTests {
  @Test func everyBuiltinOfTheCatalogHasACheck() {
    for entry in BuiltinCatalog.entries {
      #expect(BuiltinChecks.make(entry.name, BuiltinCall(name: entry.name)) != nil, "\(entry.name) has no check")
    }
  }

  @Test func aNameOutsideTheCatalogHasNoCheck() {
    #expect(BuiltinChecks.make("no-such-builtin", BuiltinCall(name: "no-such-builtin")) == nil)
  }
}
