import ArgumentParser
import TillitCore
import TillitGit

/// An error for the user, with the exit code it maps to: 2 for bad usage or input, 1 otherwise.
enum UserError: Error, CustomStringConvertible {
  case usage(String)
  case failure(String)

  var description: String {
    switch self {
    case .usage(let message), .failure(let message): return message
    }
  }
}

/// Runs a command body, printing any error as one `tillit: ...` line on stderr and exiting
/// with the matching code.
func reportingErrors(_ body: () throws -> Void) throws {
  let code = exitCode(body)
  if code != 0 { throw ExitCode(code) }
}

/// Runs `body` and returns its exit code, printing an error as one `tillit: ...` line on stderr.
func exitCode(_ body: () throws -> Void) -> Int32 {
  do {
    try body()
    return 0
  } catch let exit as ExitCode {
    return exit.rawValue
  } catch {
    let (message, code) = describe(error)
    Output.error("tillit: \(message)\n")
    return code
  }
}

func describe(_ error: Error) -> (String, Int32) {
  switch error {
  case let error as UserError:
    if case .usage = error { return (error.description, 2) }
    return (error.description, 1)
  case let error as ConfigError: return (error.description, 2)
  case let error as CheckError:
    if case .usage = error { return (error.description, 2) }
    return (error.description, 1)
  case let error as HookError: return (error.description, 2)
  case let error as LedgerError:
    if case .usage = error { return (error.description, 2) }
    return (error.description, 1)
  case let error as MalformedTreeError: return (error.description, 2)
  case let error as GitError where error.isEnvironment:
    return ("the repository cannot be written: \(error.message). Check free space and that .git is writable, then try again", 3)
  case let error as GitError: return ("git: \(error.description)", 2)
  case let error as FileError:
    return ("\(error). Check free space and that the folder is writable, then try again", 3)
  default: return ("\(error)", 1)
  }
}
