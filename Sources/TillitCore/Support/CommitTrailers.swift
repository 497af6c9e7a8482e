/// `Key: value` lines of a commit message, such as `Reviewed-by: Name <email>`.
enum CommitTrailers {
  struct Trailer: Equatable {
    let key: String
    let value: String
    let name: String
    let email: String
  }

  /// Every `Key: value` line of a message whose key looks like a trailer (`Reviewed-by`), with
  /// `Name <email>` split when the value has that form.
  static func parse(_ message: String) -> [Trailer] {
    message.split(separator: "\n").compactMap { line in
      guard let colon = line.firstIndex(of: ":") else { return nil }
      let key = line[..<colon]
      guard !key.isEmpty, key.count <= 40, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), key.first?.isLetter == true else { return nil }
      let value = String(line[line.index(after: colon)...]).trimmingSpaces
      guard !value.isEmpty else { return nil }
      if let open = value.lastIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close {
        let name = String(value[..<open]).trimmingSpaces
        let email = String(value[value.index(after: open)..<close]).trimmingSpaces
        return Trailer(key: String(key), value: value, name: name, email: email)
      }
      return Trailer(key: String(key), value: value, name: value, email: "")
    }
  }
}
