import TillitCore

/// `tillit check --format json`: `{"passed": bool, "checks": [{"name", "outcome", "durationMs", "exitCode"}]}`, with
/// `config` (`web/.tillit.yml`) for a check of a nested file.
public enum CheckReportJSON {
  public static func render(_ report: CheckReport) -> String {
    let checks = report.results.map { result in
      var members: [(String, JSONValue)] = [
        ("name", .string(result.name)),
        ("outcome", .string(result.outcome.rawValue)),
        ("durationMs", .integer(result.durationMs)),
        ("exitCode", result.exitCode.map { .integer(Int($0)) } ?? .null),
      ]
      if let file = result.configFile { members.append(("config", .string(file))) }
      if let note = result.note { members.append(("note", .string(note))) }
      if let log = result.logPath, !result.isSuccess { members.append(("log", .string(log))) }
      return JSONValue.object(members)
    }
    return JSONValue.object([("passed", .bool(report.passed)), ("durationMs", .integer(report.durationMs)), ("checks", .array(checks))]).text(pretty: true)
      + "\n"
  }
}
