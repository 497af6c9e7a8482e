import TillitGit

/// pre-commit-hooks' `check-json`: one JSON value (RFC 8259; a UTF-8 byte order mark allowed,
/// as Python reads it), no key repeated in an object. Stricter than Python's reader on
/// `NaN` and `Infinity` (not JSON) and on nesting deeper than 64.
struct JSONSyntax: TextFileCheck {
  var sniffsContent: Bool { false }

  func check(_ bytes: [UInt8], path: RepoPath) -> (problems: [String], fixed: [UInt8]?) {
    let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    do {
      _ = try JSONParser.parse(text)
      return ([], nil)
    } catch {
      return (["\(path): Failed to json decode (\(error))"], nil)
    }
  }
}

/// pre-commit-hooks' `check-yaml`, read by Tillit's own YAML reader (`YAMLReader`): one
/// document (`allow-multiple-documents: true` for more), UTF-8, no key repeated in a mapping.
/// The reader takes the subset of YAML configuration files use, so it is stricter than PyYAML
/// where a file uses what it does not read (README.md lists them).
struct YAMLSyntax: TextFileCheck {
  let multipleDocuments: Bool

  init(_ call: BuiltinCall) { multipleDocuments = call.flag("allow-multiple-documents") }

  var sniffsContent: Bool { false }

  func check(_ bytes: [UInt8], path: RepoPath) -> (problems: [String], fixed: [UInt8]?) {
    guard let text = String(validating: bytes, as: UTF8.self) else { return (["\(path): is not UTF-8 text"], nil) }
    let documents = Self.documents(text)
    if documents.count > 1 && !multipleDocuments {
      return (["\(path):\(documents[1].firstLine): starts a second document; use allow-multiple-documents: true to allow several"], nil)
    }
    for document in documents {
      do {
        var reader = YAMLReader()
        _ = try reader.read(document.text)
      } catch {
        return (["\(path):\(error.line + document.firstLine - 1): \(error.problem)"], nil)
      }
    }
    return ([], nil)
  }

  /// The text split at `---` lines: each document with the number of its first line.
  static func documents(_ text: String) -> [(text: String, firstLine: Int)] {
    var documents: [(text: String, firstLine: Int)] = []
    var current: [Substring] = []
    var first = 1
    var started = false
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let body = line.hasSuffix("\r") ? line.dropLast() : line
      if body == "---" || body.hasPrefix("--- ") {
        if started { documents.append((current.joined(separator: "\n"), first)) }
        current = [""]
        first = offset + 1
        started = true
        continue
      }
      let blank = body.allSatisfy { $0 == " " } || body.drop { $0 == " " }.hasPrefix("#")
      if !blank { started = true }
      current.append(line)
    }
    if started { documents.append((current.joined(separator: "\n"), first)) }
    return documents
  }
}

/// pre-commit-hooks' `check-toml`, read by `TOMLChecker` (TOML 1.0, as Python's tomllib).
struct TOMLSyntax: TextFileCheck {
  var sniffsContent: Bool { false }

  func check(_ bytes: [UInt8], path: RepoPath) -> (problems: [String], fixed: [UInt8]?) {
    do {
      try TOMLChecker.check(bytes)
      return ([], nil)
    } catch {
      return (["\(path): \(error)"], nil)
    }
  }
}
