import TillitCore
import TillitSystem

/// The audit for an 80-column terminal, leading with the three numbers that matter. Names,
/// emails, paths and check names come from other people's commits and ledger events: every cell
/// goes through `clip` or `pad`, which show their control characters escaped.
public enum AuditTable {
  public static func render(_ report: Audit.Report, style: TerminalStyle) -> String {
    let spread = report.spread
    let reviews = report.reviews
    let what = report.path.bytes.isEmpty ? "the repository" : TerminalText.escaped(report.path) + "/"
    var lines: [String] = []
    lines.append("Audit of \(what) at \(report.head.hex.prefix(12)), since \(AuditFigures.day(report.since))")
    lines.append("")
    let truckNames = { (result: TruckFactor.Result) -> String in
      let people = result.people.prefix(4).map { report.person($0).name }.joined(separator: ", ") + (result.people.count > 4 ? ", ..." : "")
      return people.isEmpty ? "" : "  " + clip(people, 60)
    }
    lines.append("  " + style.bold("Truck factor     \(spread.truckFactor.factor)") + truckNames(spread.truckFactor))
    lines.append("  " + style.bold("  among active   \(spread.activeTruckFactor.factor)") + truckNames(spread.activeTruckFactor))
    lines.append(
      "  " + style.bold("Files at risk    \(spread.atRisk.count)")
        + " of \(spread.files.count) (\(AuditFigures.percent(AuditFigures.share(spread.atRisk.count, of: spread.files.count)))), \(spread.orphaned.count) orphaned"
    )
    lines.append(
      "  " + style.bold("Review coverage  \(AuditFigures.percent(reviews.coverage))") + " of \(reviews.commits) commit\(reviews.commits == 1 ? "" : "s")")
    lines.append("")
    lines.append("Active: a commit or review in the \(Int(exactly: report.referenceWindowDays.rounded()) ?? 0) days to \(AuditFigures.day(report.reference)).")
    lines.append("At risk: known (authored or reviewed) by at most one active person.")
    lines.append("Truck factor among active: the same count over the authors still active.")
    if let explanation = AuditFigures.whatCountsAsAReview(report) {
      lines += ConfigReference.wrap(TerminalText.escaped(explanation), width: 78)
    }
    if report.probableDuplicates > 0 {
      lines.append("People: \(report.probableDuplicates) probable duplicate\(report.probableDuplicates == 1 ? "" : "s") (tillit people --suggest).")
    }
    lines.append("")
    lines.append("Folders                               files  knowers  TF  at risk  main knower")
    for folder in report.folders where folder.path.split(separator: "/").count == 1 || report.folders.count <= 12 {
      let main = folder.mainKnower.map { "\(clip(report.person($0).name, 14)) \(Int((folder.mainKnowerShare * 100).rounded()))%" } ?? "-"
      lines.append(
        pad(clip(folder.path.isEmpty ? "(all)" : folder.path + "/", 36), 36) + lpad(folder.files, 7) + lpad(folder.activeKnowers, 9)
          + lpad(folder.truckFactor, 4) + lpad(folder.filesAtRisk, 9) + "  " + main)
    }
    lines.append("")
    let giniText = "Gini \(String(AuditFigures.round(reviews.gini)))"
    let turnaround =
      reviews.medianTurnaroundHours.map { "median \(String(AuditFigures.round($0))) h to first feedback" } ?? "no answered requests in the ledger"
    lines.append("Reviewers (\(giniText); \(turnaround))")
    let top = reviews.perPerson.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(8)
    let most = top.first?.value ?? 1
    let names = Dictionary(report.people.map { ($0.email, $0.name) }, uniquingKeysWith: { first, _ in first })
    for (person, count) in top {
      let bar = String(repeating: "#", count: max(1, count * 30 / max(most, 1)))
      let open = reviews.openPerPerson[person].map { " (\($0) open)" } ?? ""
      lines.append("  " + pad(clip(names[person] ?? person, 30), 30) + lpad(count, 6) + " " + bar + open)
    }
    if !report.checks.checks.isEmpty {
      lines.append("")
      lines.append("Checks                          runs  passed  median   flaky inputs")
      for check in report.checks.checks {
        lines.append(
          "  " + pad(clip(check.name, 28), 28) + lpad(check.runs, 6) + "  " + pad(AuditFigures.percent(check.passRate), 6)
            + lpad(Int(check.medianDurationMs), 6) + "ms " + lpad(check.flakyInputs, 6))
      }
    }
    lines.append("")
    lines.append("Trend            truck factor  files at risk        review coverage")
    for point in report.trend {
      lines.append(
        "  " + pad(point.quarter, 16) + lpad(point.truckFactor, 11) + lpad(point.filesAtRisk, 9) + " of " + pad(String(point.files), 7)
          + lpad(AuditFigures.percent(point.coverage), 13))
    }
    let shown = spread.atRisk.prefix(10)
    if !shown.isEmpty {
      lines.append("")
      lines.append("Files at risk (first \(shown.count) of \(spread.atRisk.count); --format json lists all)")
      for file in shown {
        let who = file.activeKnowers.first.map { report.person($0).name } ?? "nobody active"
        lines.append("  " + pad(clip(TerminalText.escaped(file.path), 56), 56) + " " + clip(who, 20))
      }
    }
    lines += ownership(report.ownership)
    return lines.joined(separator: "\n") + "\n"
  }

  /// Claims that drifted and files at risk nobody owns; nothing when nothing is claimed (then
  /// every file at risk is unowned, and listed above).
  static func ownership(_ ownership: OwnershipDrift) -> [String] {
    guard ownership.claims > 0 else { return [] }
    var lines = [
      "",
      "Ownership: \(ownership.claims) claim\(ownership.claims == 1 ? "" : "s") own \(ownership.ownedFiles) file\(ownership.ownedFiles == 1 ? "" : "s"); "
        + "\(ownership.drifted.count) owner\(ownership.drifted.count == 1 ? "" : "s") drifted, \(ownership.unownedAtRisk.count) file\(ownership.unownedAtRisk.count == 1 ? "" : "s") at risk unowned",
    ]
    for finding in ownership.findings {
      lines.append("  " + clip("\(finding.claim.pattern)  \(finding.owner)", 78))
      lines.append("      " + clip(finding.reason, 74))
    }
    let shown = ownership.unownedAtRisk.prefix(10)
    if !shown.isEmpty {
      lines.append("Files at risk nobody owns (first \(shown.count) of \(ownership.unownedAtRisk.count); tillit own PATTERN --by PERSON)")
      for path in shown { lines.append("  " + clip(TerminalText.escaped(path), 78)) }
    }
    return lines
  }

  /// A cell of at most `width` characters, escaped first so that the width is what shows.
  static func clip(_ text: String, _ width: Int) -> String {
    let text = TerminalText.escaped(text)
    return text.count <= width ? text : String(text.prefix(width - 1)) + "…"
  }

  static func pad(_ text: String, _ width: Int) -> String {
    let text = TerminalText.escaped(text)
    return text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  static func lpad(_ value: Int, _ width: Int) -> String { lpad(String(value), width) }

  static func lpad(_ text: String, _ width: Int) -> String {
    let text = TerminalText.escaped(text)
    return text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }
}
