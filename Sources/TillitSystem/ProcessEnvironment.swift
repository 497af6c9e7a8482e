#if canImport(Glibc)
import Glibc
#endif

/// This process's environment, read when needed: building the whole dictionary costs more
/// than a commit with nothing to check should pay.
public enum ProcessEnvironment {
  public static func value(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// `NAME=value` entries for a child process, in a stable order.
  public static func entries(_ environment: [String: String] = all()) -> [[UInt8]] {
    environment.sorted { $0.key < $1.key }.map { Array("\($0.key)=\($0.value)".utf8) }
  }

  public static func all() -> [String: String] {
    var result: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
      let text = String(cString: entry)
      if let equals = text.firstIndex(of: "=") {
        result[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      pointer += 1
    }
    return result
  }
}
