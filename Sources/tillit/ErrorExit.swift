import ArgumentParser
import TillitCore
import TillitSystem

/// Runs a command body, printing any error as one `tillit: ...` line on stderr and exiting
/// with the matching code.
func reportingErrors(_ body: () throws -> Void) throws {
  let code = exitCode(body)
  if code != 0 { throw ExitCode(code) }
}

/// Runs `body` and returns its exit code, printing an error as one `tillit: ...` line on stderr
/// (see `TillitError` for the wording and the codes).
func exitCode(_ body: () throws -> Void) -> Int32 {
  do {
    try body()
    return 0
  } catch let exit as ExitCode {
    return exit.rawValue
  } catch {
    let error = TillitError(error)
    Output.error("tillit: \(error)\n")
    return error.exit.code
  }
}
