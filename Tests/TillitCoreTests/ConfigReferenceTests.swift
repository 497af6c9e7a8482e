import Testing
@testable import TillitCore

@Suite struct ConfigReferenceTests {
  /// `tillit help config` reads the parser's key lists: a key added to the parser without a
  /// meaning here, or a meaning left for a key the parser dropped, fails this.
  @Test func everyKeyThePaserAcceptsHasAMeaningAndNoOther() {
    #expect(ConfigReference.undocumented.isEmpty, "keys without a meaning in ConfigReference: \(ConfigReference.undocumented)")
    #expect(ConfigReference.unknown.isEmpty, "meanings in ConfigReference for keys the parser does not accept: \(ConfigReference.unknown)")
  }

  @Test func theReferenceShowsTheSettingsDefaults() {
    #expect(ConfigReference.text.contains("Default: \(KnowledgeSettings().count)"))
    #expect(ConfigReference.text.contains("Default: 90d"))
  }
}
