import TillitCore
import TillitSystem

/// The audit as JSON, with the field names the issue asked for.
public enum AuditJSON {
  public static func render(_ report: Audit.Report) -> String {
    let spread = report.spread
    let atRisk = spread.atRisk
    var byFolder: [String: [String]] = [:]
    for file in atRisk { byFolder[AuditFigures.folder(of: file.path.description), default: []].append(file.path.description) }
    let people = { (index: Int32) -> JSONValue in
      let person = report.person(index)
      return .object([("email", .string(person.email)), ("name", .string(person.name))])
    }
    return JSONValue.object([
      ("head", .string(report.head.hex)), ("path", .string(report.path.description)),
      ("since", .string(Timestamp.format(seconds: Int(report.since)))),
      ("activeReference", .string(Timestamp.format(seconds: Int(report.reference)))),
      ("files", .integer(spread.files.count)),
      ("truckFactor", .integer(spread.truckFactor.factor)),
      ("truckFactorPeople", .array(spread.truckFactor.people.map(people))),
      ("activeTruckFactor", .integer(spread.activeTruckFactor.factor)),
      ("activeTruckFactorPeople", .array(spread.activeTruckFactor.people.map(people))),
      ("probableDuplicates", .integer(report.probableDuplicates)),
      (
        "filesAtRisk",
        .object([
          ("count", .integer(atRisk.count)), ("share", .number(AuditFigures.share(atRisk.count, of: spread.files.count))),
          ("files", .array(atRisk.map { .string($0.path.description) })),
          ("byDirectory", .object(byFolder.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value.map(JSONValue.string))) })),
        ])
      ),
      ("orphanedFiles", .array(spread.orphaned.map { .string($0.path.description) })),
      (
        "directories",
        .array(
          report.folders.map { folder in
            .object([
              ("path", .string(folder.path)), ("files", .integer(folder.files)), ("activeKnowers", .integer(folder.activeKnowers)),
              ("truckFactor", .integer(folder.truckFactor)), ("filesAtRisk", .integer(folder.filesAtRisk)),
              ("mainKnower", folder.mainKnower.map { .string(report.person($0).email) } ?? .null),
              ("mainKnowerShare", .number(AuditFigures.round(folder.mainKnowerShare))),
            ])
          })
      ),
      (
        "reviews",
        .object([
          ("commits", .integer(report.reviews.commits)), ("reviewed", .integer(report.reviews.reviewed)),
          ("coverage", .number(AuditFigures.round(report.reviews.coverage))),
          (
            "perPerson",
            .object(report.reviews.perPerson.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, .integer($0.value)) })
          ),
          ("gini", .number(AuditFigures.round(report.reviews.gini))),
          ("medianTurnaroundHours", report.reviews.medianTurnaroundHours.map { .number(AuditFigures.round($0)) } ?? .null),
          ("openPerPerson", .object(report.reviews.openPerPerson.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })),
        ])
      ),
      (
        "checks",
        .array(
          report.checks.checks.map { check in
            .object([
              ("name", .string(check.name)), ("runs", .integer(check.runs)), ("passRate", .number(AuditFigures.round(check.passRate))),
              ("medianDurationMs", .number(check.medianDurationMs)), ("flaky", .bool(check.isFlaky)), ("flakyInputs", .integer(check.flakyInputs)),
            ])
          })
      ),
      ("ownership", ownership(report.ownership)),
      (
        "trend",
        .array(
          report.trend.map { point in
            .object([
              ("quarter", .string(point.quarter)), ("end", .string(Timestamp.format(seconds: Int(point.end)))),
              ("truckFactor", .integer(point.truckFactor)), ("files", .integer(point.files)), ("filesAtRisk", .integer(point.filesAtRisk)),
              ("coverage", .number(AuditFigures.round(point.coverage))),
            ])
          })
      ),
    ]).text(pretty: true) + "\n"
  }

  static func ownership(_ ownership: OwnershipDrift) -> JSONValue {
    .object([
      ("claims", .integer(ownership.claims)), ("ownedFiles", .integer(ownership.ownedFiles)),
      (
        "drift",
        .array(
          ownership.findings.map { finding in
            .object([
              ("pattern", .string(finding.claim.pattern)), ("owner", .string(finding.owner)), ("kind", .string(finding.kind.rawValue)),
              ("reason", .string(finding.reason)), ("files", .integer(finding.files)),
              ("lastTouched", finding.lastTouched.map { .string(Timestamp.format(seconds: Int($0))) } ?? .null),
              ("claim", OwnersRenderer.claimJSON(finding.claim)),
            ])
          })
      ),
      (
        "unownedFilesAtRisk",
        .object([
          ("count", .integer(ownership.unownedAtRisk.count)), ("files", .array(ownership.unownedAtRisk.map { .string($0.description) })),
        ])
      ),
    ])
  }
}

/// Small helpers the audit's renderers share.
enum AuditFigures {
  static func share(_ part: Int, of whole: Int) -> Double { whole == 0 ? 0 : round(Double(part) / Double(whole)) }
  static func round(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
  static func percent(_ value: Double) -> String {
    let tenths = Int((value * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)%"
  }
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[..<slash])
  }
  static func day(_ time: Int64) -> String { String(Timestamp.format(seconds: Int(time)).prefix(10)) }

  /// What counts as a review, said when no commit in the window has one: a project reviewing on
  /// a forge alone sees 0 % and should know why. Nil when some commit was reviewed.
  static func whatCountsAsAReview(_ report: Audit.Report) -> String? {
    guard report.reviews.reviewed == 0, report.reviews.commits > 0 else { return nil }
    let keys = report.reviewTrailers.isEmpty ? "reviewer" : report.reviewTrailers.joined(separator: " or ")
    return "No commit in the window has a review Tillit can see. A commit counts as reviewed when a \(keys) trailer names "
      + "someone other than its author, or when the ledger holds a review of it (tillit review, tillit ledger import-trailers); "
      + "reviews held only on a forge (pull-request approvals) do not count until they are imported (as trailers, or into the ledger with tillit review)."
  }
}
