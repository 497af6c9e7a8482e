import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

extension Tillit {
  /// `main()`, except that bad usage ArgumentParser finds (a missing verdict, an unknown option,
  /// flags that exclude each other) exits 2 as every other usage mistake does, not 64, and reads
  /// `tillit: ...` like the rest; help and `--version` are left to ArgumentParser.
  static func runExitingWithUsageCode() -> Never {
    do {
      var command = try parseAsRoot()
      try command.run()
      exit(withError: nil)
    } catch {
      guard !(error is ExitCode), exitCode(for: error) == .validationFailure else { exit(withError: error) }
      let text = fullMessage(for: error)
      let errorPrefix = "Error: "
      Output.error("tillit: " + (text.hasPrefix(errorPrefix) ? String(text.dropFirst(errorPrefix.count)) : text) + "\n")
      Glibc.exit(2)
    }
  }
}
