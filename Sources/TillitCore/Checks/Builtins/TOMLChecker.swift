/// Whether bytes are a TOML 1.0 document, as Python's `tomllib` (which pre-commit-hooks'
/// `check-toml` uses) decides: the syntax of every line and value, and the rules on keys and
/// tables — no key defined twice, no table declared twice or through another table's dotted
/// keys, no array or inline table extended after the fact. The values themselves are not kept.
/// Arrays and inline tables nest at most `deepestNesting` levels.
enum TOMLChecker {
  static let deepestNesting = 100

  struct Failure: Error, CustomStringConvertible {
    let problem: String
    let line: Int
    var description: String { "\(problem) (at line \(line))" }
  }

  static func check(_ bytes: [UInt8]) throws(Failure) {
    guard String(validating: bytes, as: UTF8.self) != nil else { throw Failure(problem: "not UTF-8 text", line: 1) }
    var scanner = TOMLScanner(bytes: bytes)
    let root = TOMLNode.table()
    var current = root
    var pending: [TOMLNode] = []  // tables made by dotted keys: closed to other sections once this one ends
    while true {
      scanner.skipSpace()
      guard let byte = scanner.peek else { break }
      if byte == UInt8(ascii: "[") {
        for node in pending { node.explicit = true }
        pending = []
        current = try header(&scanner, root: root)
      } else if byte != UInt8(ascii: "#") && byte != 10 && byte != 13 {
        try keyValue(&scanner, into: current, pending: &pending)
      }
      try scanner.endOfLine()
    }
  }

  /// `[a.b]` or `[[a.b]]`: the table the lines after it fill.
  private static func header(_ scanner: inout TOMLScanner, root: TOMLNode) throws(Failure) -> TOMLNode {
    scanner.advance()
    let isArray = scanner.peek == UInt8(ascii: "[")
    if isArray { scanner.advance() }
    scanner.skipSpace()
    let key = try scanner.key()
    scanner.skipSpace()
    try scanner.expect(isArray ? "]]" : "]")
    var node = root
    for part in key.dropLast() {
      let child = node.children[part] ?? TOMLNode.table()
      node.children[part] = child
      guard !child.frozen else { throw scanner.fail("cannot extend '\(part)', which is a value or an inline table") }
      node = child.elements.last ?? child
    }
    let last = key[key.count - 1]
    if isArray {
      let array = node.children[last] ?? TOMLNode.arrayOfTables()
      guard array.isArrayOfTables, !array.frozen else { throw scanner.fail("cannot declare '\(last)' as an array of tables: it is already something else") }
      node.children[last] = array
      let element = TOMLNode.table()
      array.elements.append(element)
      return element
    }
    if let existing = node.children[last] {
      guard !existing.explicit, !existing.frozen, !existing.isArrayOfTables else { throw scanner.fail("declares the table '\(last)' a second time") }
      existing.explicit = true
      return existing
    }
    let table = TOMLNode.table()
    table.explicit = true
    node.children[last] = table
    return table
  }

  /// `a.b = value`, read into `table`; tables the dotted key makes are noted in `pending`.
  static func keyValue(_ scanner: inout TOMLScanner, into table: TOMLNode, pending: inout [TOMLNode], depth: Int = 1) throws(Failure) {
    let key = try scanner.key()
    scanner.skipSpace()
    try scanner.expect("=")
    scanner.skipSpace()
    var node = table
    for part in key.dropLast() {
      let child = node.children[part] ?? TOMLNode.table()
      guard !child.frozen, !child.isArrayOfTables, !child.explicit else { throw scanner.fail("cannot add keys to '\(part)' here: it is defined elsewhere") }
      node.children[part] = child
      pending.append(child)
      node = child
    }
    let last = key[key.count - 1]
    guard node.children[last] == nil else { throw scanner.fail("defines the key '\(last)' a second time") }
    node.children[last] = try scanner.value(depth: depth)
  }
}

/// What the checker remembers of a key: whether it is a table, an array of tables or a value,
/// and whether it may still be extended.
final class TOMLNode {
  var children: [String: TOMLNode] = [:]
  /// An array of tables' tables.
  var elements: [TOMLNode] = []
  var isArrayOfTables = false
  /// Declared by a `[header]`, or by dotted keys of a section that ended.
  var explicit = false
  /// A value, a static array or an inline table: nothing may be added to it.
  var frozen = false

  static func table() -> TOMLNode { TOMLNode() }

  static func arrayOfTables() -> TOMLNode {
    let node = TOMLNode()
    node.isArrayOfTables = true
    return node
  }

  static func value() -> TOMLNode {
    let node = TOMLNode()
    node.frozen = true
    return node
  }
}
