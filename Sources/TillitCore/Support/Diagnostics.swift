import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The one place warnings go: `tillit: warning: ...` on stderr, one line each, every control
/// character shown escaped (a warning may quote other people's text), and each distinct warning
/// (or each warning of one `topic`) once per run however many times it is met.
public enum Diagnostics {
  private static let seen = Mutex<Set<String>>([])

  public static func warning(_ text: String, topic: String? = nil) {
    guard seen.withLock({ $0.insert(topic ?? text).inserted }) else { return }
    let line = Array("tillit: warning: \(TerminalText.escaped(text))\n".utf8)
    var offset = 0
    while offset < line.count {
      let written = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return }
      offset += written
    }
  }
}
