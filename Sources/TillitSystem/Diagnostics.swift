import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The one place warnings go: `tillit: warning: ...` on stderr, one line each, every control
/// character shown escaped (a warning may quote other people's text), and each distinct warning
/// (or each warning of one `topic`) once per run however many times it is met. What is read
/// and skipped, or cannot be kept, is said here, never returned beside a result.
public enum Diagnostics {
  private static let state = Mutex<(seen: Set<String>, given: [String])>(([], []))

  public static func warning(_ text: String, topic: String? = nil) {
    let isNew = state.withLock { state in
      guard state.seen.insert(topic ?? text).inserted else { return false }
      state.given.append(text)
      return true
    }
    guard isNew else { return }
    let line = Array("tillit: warning: \(TerminalText.escaped(text))\n".utf8)
    var offset = 0
    while offset < line.count {
      let written = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return }
      offset += written
    }
  }

  /// Every warning given so far in this run, in order, unescaped: for outputs that carry them
  /// (`--format json`).
  public static var given: [String] { state.withLock { $0.given } }
}
