import TillitCore
import TillitSystem

/// `tillit ready` as a terminal listing or as JSON: per change, its checks, its approvals with
/// the approver's knowledge of the changed files, and what is missing.
public enum ReadyRenderer {
  public static func table(_ changes: [ChangeReadiness]) -> String {
    var lines: [String] = []
    for change in changes {
      lines.append(TerminalText.escaped("\(change.commit.hex.prefix(12)) v\(change.version)  \(change.title) — \(change.ready ? "ready" : "not ready")"))
      let checks = change.checks.map { "\($0.name) \($0.outcome)" }
      lines.append("  checks: " + (checks.isEmpty ? "none apply" : TerminalText.escaped(checks.joined(separator: ", "))))
      let approvals = change.approvals.map(approvalText)
      lines.append("  approvals: " + (approvals.isEmpty ? "none" : TerminalText.escaped(approvals.joined(separator: "; "))))
      for item in change.missing { lines.append(TerminalText.escaped("  missing: " + item)) }
    }
    if changes.isEmpty { lines.append("tillit: no commits to judge") }
    let ready = changes.filter(\.ready).count
    lines.append("tillit: \(ready) of \(changes.count) change\(changes.count == 1 ? "" : "s") ready to ship")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The lines the pre-push hook prints for a push held to the ship policy.
  public static func hookLines(_ changes: [ChangeReadiness], branch: String, refused: Bool) -> String {
    var lines = ["tillit: \(refused ? "refusing the push" : "warning"): not ready to ship to \(TerminalText.escaped(branch)) (ship policy in .tillit.yml):"]
    for change in changes where !change.ready {
      for item in change.missing { lines.append(TerminalText.escaped("  \(change.commit.hex.prefix(12)) \(change.title): missing \(item)")) }
    }
    lines.append(refused ? "tillit: see tillit ready; TILLIT=0 skips the hooks" : "tillit: pushing anyway (ship.enforce: warn)")
    return lines.joined(separator: "\n") + "\n"
  }

  public static func json(_ changes: [ChangeReadiness], warnings: [String]) -> String {
    let items = changes.map { change -> JSONValue in
      .object([
        ("commit", .string(change.commit.hex)), ("change", .string(change.change.hex)), ("version", .integer(change.version)),
        ("title", .string(change.title)), ("ready", .bool(change.ready)),
        ("checks", .array(change.checks.map { .object([("name", .string($0.name)), ("outcome", .string($0.outcome))]) })),
        (
          "approvals",
          .array(
            change.approvals.map { approval in
              .object([
                ("by", .string(approval.email)), ("version", .integer(approval.version)), ("current", .bool(approval.current)),
                ("knownFiles", .integer(approval.knownFiles)), ("files", .integer(approval.files)), ("knowledge", .string(approval.knowledge)),
                ("owner", .bool(approval.owner)), ("verified", approval.verified.map(JSONValue.bool) ?? .null), ("counts", .bool(approval.counts)),
              ])
            })
        ),
        ("missing", .array(change.missing.map(JSONValue.string))),
      ])
    }
    let object = JSONValue.object([
      ("ready", .bool(changes.allSatisfy(\.ready))), ("changes", .array(items)), ("warnings", .array(warnings.map(JSONValue.string))),
    ])
    var bytes: [UInt8] = []
    object.write(into: &bytes, pretty: true, depth: 0)
    return String(decoding: bytes, as: UTF8.self) + "\n"
  }

  private static func approvalText(_ approval: ChangeReadiness.Approval) -> String {
    var text = "\(approval.email) at v\(approval.version) (\(approval.knowledge)"
    if approval.owner { text += ", owner" }
    if let verified = approval.verified { text += verified ? ", verified" : ", unverified" }
    if !approval.current { text += ", an earlier version" }
    return text + (approval.counts ? ")" : "; does not count)")
  }
}
