import TillitCore

/// The audit as one self-contained HTML page: inline CSS and SVG, no scripts, nothing fetched.
/// A treemap of the folders coloured by their share of files at risk, the trend, the
/// reviewers' load and the files at risk. It reads on a laptop screen and prints.
public enum AuditHTML {
  public static func render(_ report: Audit.Report) -> String {
    let spread = report.spread
    let what = report.path.bytes.isEmpty ? "the repository" : report.path.description + "/"
    var html = """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Tillit audit: \(escape(what)) at \(report.head.hex.prefix(12))</title>
      <style>\(css)</style></head><body>
      <header><h1>Knowledge audit of \(escape(what))</h1>
      <p class="meta">At commit <code>\(report.head.hex.prefix(12))</code>; window since \(AuditFigures.day(report.since)); \
      active means a commit or review in the \(Int(exactly: report.referenceWindowDays.rounded()) ?? 0) days to \(AuditFigures.day(report.reference)).\
      \(report.probableDuplicates == 0 ? "" : " \(report.probableDuplicates) probable duplicate people (see <code>tillit people --suggest</code>).")</p></header>
      <section class="cards">
      \(card("Truck factor (history)", "\(spread.truckFactor.factor)", names(spread.truckFactor, report)))
      \(card("Truck factor today", "\(spread.activeTruckFactor.factor)", activeNames(spread.activeTruckFactor, report)))
      \(card("Files at risk", "\(spread.atRisk.count)", "of \(spread.files.count) files (\(AuditFigures.percent(AuditFigures.share(spread.atRisk.count, of: spread.files.count)))); \(spread.orphaned.count) orphaned"))
      \(card("Review coverage", AuditFigures.percent(report.reviews.coverage), "of \(report.reviews.commits) commits since \(AuditFigures.day(report.since))"))
      </section>

      """
    if let explanation = AuditFigures.whatCountsAsAReview(report) { html += "<p class=\"note\">\(escape(explanation))</p>\n" }
    html +=
      "<section><h2>Where knowledge is thin</h2><p class=\"note\">Each box is a folder, sized by its files and coloured by the share of its files at risk "
    html += "(known by at most one active person): the folders to act on are red. Hover a box for its figures.</p>\n"
    html += AuditTreemap.render(report) + "</section>\n"
    html += "<section class=\"two\"><div><h2>Trend by quarter</h2>\n" + trendCharts(report.trend) + "</div>\n"
    html += "<div><h2>Reviewer load</h2>\n" + reviewerBars(report) + "</div></section>\n"
    if !report.checks.checks.isEmpty { html += checksTable(report) }
    html += filesAtRisk(report)
    html += ownership(report.ownership)
    html +=
      "<footer>Made by <code>tillit audit --format html</code>. Definitions: truck factor after Avelino et al. (ICPC 2016); a person authors a file when their degree of authorship is at least 0.75 of the file's best and at least 3.293 (or they created it).</footer>\n"
    html += "</body></html>\n"
    return html
  }

  /// The people a truck factor counts, the first six.
  static func names(_ result: TruckFactor.Result, _ report: Audit.Report) -> String {
    result.people.prefix(6).map { report.person($0).name }.joined(separator: ", ") + (result.people.count > 6 ? ", …" : "")
  }

  static func activeNames(_ result: TruckFactor.Result, _ report: Audit.Report) -> String {
    result.people.isEmpty ? "no active author holds half of the files" : "among people still active: " + names(result, report)
  }

  static let css = """
    :root{--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--bg:#fff}
    *{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg);margin:0 auto;max-width:1180px;padding:24px}
    h1{font-size:24px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.meta,.note,footer{color:var(--muted);font-size:13px}
    code{font:13px ui-monospace,Menlo,Consolas,monospace}
    .cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin-top:16px}
    .card{border:1px solid var(--line);border-radius:8px;padding:12px 16px}.card .n{font-size:32px;font-weight:650}.card .t{color:var(--muted);font-size:13px}
    .two{display:grid;grid-template-columns:1fr 1fr;gap:24px}
    svg{max-width:100%;height:auto;display:block}svg text{font:11px system-ui,sans-serif;fill:var(--ink)}
    table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--line)}th{color:var(--muted);font-weight:600}
    td.n{text-align:right;font-variant-numeric:tabular-nums}
    .legend span{display:inline-block;margin-right:14px;font-size:12px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px;border-radius:2px}
    footer{margin-top:32px;border-top:1px solid var(--line);padding-top:8px}
    @media (max-width:800px){.cards,.two{grid-template-columns:1fr}}
    @media print{body{max-width:none;padding:0;font-size:11px}.two{grid-template-columns:1fr 1fr}section{break-inside:avoid}h2{margin-top:14px}}
    """

  static func card(_ title: String, _ number: String, _ detail: String) -> String {
    "<div class=\"card\"><div class=\"t\">\(escape(title))</div><div class=\"n\">\(escape(number))</div><div class=\"t\">\(escape(detail))</div></div>"
  }

  /// Three small line charts: truck factor, share of files at risk, review coverage.
  static func trendCharts(_ trend: [Audit.TrendPoint]) -> String {
    guard !trend.isEmpty else { return "<p class=\"note\">No quarters in the window.</p>" }
    let series: [(String, [Double], (Double) -> String)] = [
      ("Truck factor", trend.map { Double($0.truckFactor) }, { String(Int($0)) }),
      ("Files at risk (share)", trend.map { $0.files == 0 ? 0 : Double($0.filesAtRisk) / Double($0.files) }, { AuditFigures.percent($0) }),
      ("Review coverage", trend.map(\.coverage), { AuditFigures.percent($0) }),
    ]
    var html = ""
    for (title, values, label) in series {
      let (width, height, left, right, ceiling, bottom) = (540.0, 130.0, 48.0, 28.0, 26.0, 22.0)
      let top = max(values.max() ?? 1, title == "Truck factor" ? 1 : 0.01)
      let step = values.count > 1 ? (width - left - right) / Double(values.count - 1) : 0
      let points = values.enumerated().map { index, value in
        (left + Double(index) * step, ceiling + (height - bottom - ceiling) * (1 - value / top))
      }
      html += "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
      html += "<text x=\"0\" y=\"12\" style=\"font-weight:600\">\(escape(title))</text>"
      html += "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" y2=\"\(f(height - bottom))\" stroke=\"#d9dde5\"/>"
      html += "<line x1=\"\(f(left))\" y1=\"\(f(ceiling))\" x2=\"\(f(width - right))\" y2=\"\(f(ceiling))\" stroke=\"#eef0f4\"/>"
      html += "<text x=\"\(f(left - 6))\" y=\"\(f(height - bottom + 4))\" text-anchor=\"end\">0</text>"
      html += "<text x=\"\(f(left - 6))\" y=\"\(f(ceiling + 4))\" text-anchor=\"end\">\(escape(label(top)))</text>"
      html += "<polyline fill=\"none\" stroke=\"#3559c7\" stroke-width=\"2\" points=\"\(points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\"/>"
      for (index, point) in points.enumerated() {
        html +=
          "<circle cx=\"\(f(point.0))\" cy=\"\(f(point.1))\" r=\"3\" fill=\"#3559c7\"><title>\(escape(trend[index].quarter)): \(escape(label(values[index])))</title></circle>"
        if values.count <= 12 || index % 2 == 0 {
          html += "<text x=\"\(f(point.0))\" y=\"\(f(height - 6))\" text-anchor=\"middle\">\(escape(String(trend[index].quarter.prefix(6))))</text>"
        }
      }
      html += "</svg>\n"
    }
    return html
  }

  /// Reviews given in the window per person, with open requests.
  static func reviewerBars(_ report: Audit.Report) -> String {
    let reviews = report.reviews
    let top = reviews.perPerson.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(15)
    guard let most = top.first?.value, most > 0 else { return "<p class=\"note\">No reviews in the window.</p>" }
    let rowHeight = 22.0
    let width = 540.0
    var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(Double(top.count) * rowHeight + 8))\" role=\"img\" aria-label=\"Reviews per person\">"
    for (row, entry) in top.enumerated() {
      let y = Double(row) * rowHeight + 4
      let length = (width - 230) * Double(entry.value) / Double(most)
      svg += "<text x=\"0\" y=\"\(f(y + 14))\">\(escape(clip(entry.key, 30)))</text>"
      svg += "<rect x=\"200\" y=\"\(f(y + 3))\" width=\"\(f(max(1, length)))\" height=\"14\" fill=\"#3559c7\"/>"
      let open = reviews.openPerPerson[entry.key].map { ", \($0) open" } ?? ""
      svg += "<text x=\"\(f(205 + length))\" y=\"\(f(y + 14))\">\(entry.value)\(escape(open))</text>"
    }
    svg += "</svg>\n"
    let turnaround =
      reviews.medianTurnaroundHours.map { "median \(AuditFigures.round($0)) h from request to first feedback" } ?? "no answered requests in the ledger yet"
    return svg + "<p class=\"note\">Gini of reviews per person: \(AuditFigures.round(reviews.gini)); \(escape(turnaround)).</p>\n"
  }

  static func checksTable(_ report: Audit.Report) -> String {
    var html = "<section><h2>Checks</h2><table><tr><th>check</th><th>runs</th><th>passed</th><th>median</th><th>flaky inputs</th></tr>\n"
    for check in report.checks.checks {
      html += "<tr><td>\(escape(check.name))</td><td class=\"n\">\(check.runs)</td><td class=\"n\">\(AuditFigures.percent(check.passRate))</td>"
      html += "<td class=\"n\">\(Int(check.medianDurationMs)) ms</td><td class=\"n\">\(check.flakyInputs)</td></tr>\n"
    }
    return html + "</table></section>\n"
  }

  static func filesAtRisk(_ report: Audit.Report) -> String {
    let atRisk = report.spread.atRisk
    let shown = atRisk.prefix(400)
    var html = "<section><h2>Files at risk (\(atRisk.count))</h2>"
    if shown.count < atRisk.count { html += "<p class=\"note\">The first \(shown.count); <code>tillit audit --format json</code> lists all.</p>" }
    html += "<table><tr><th>folder</th><th>file</th><th>who still knows it</th></tr>\n"
    for file in shown {
      let path = file.path.description
      let folder = AuditFigures.folder(of: path)
      let name = String(path.dropFirst(folder.isEmpty ? 0 : folder.count + 1))
      let who = file.activeKnowers.first.map { report.person($0).name } ?? "nobody active"
      html += "<tr><td>\(escape(folder.isEmpty ? "(top)" : folder))</td><td>\(escape(name))</td><td>\(escape(who))</td></tr>\n"
    }
    return html + "</table></section>\n"
  }

  /// Claims that drifted and files at risk nobody owns; nothing when nothing is claimed.
  static func ownership(_ ownership: OwnershipDrift) -> String {
    guard ownership.claims > 0 else { return "" }
    var html = "<section><h2>Ownership</h2><p class=\"note\">\(ownership.claims) claim\(ownership.claims == 1 ? "" : "s") own \(ownership.ownedFiles) files; "
    html +=
      "\(ownership.drifted.count) owner\(ownership.drifted.count == 1 ? "" : "s") drifted (left, or no change or review of what they own in the active window).</p>\n"
    if !ownership.findings.isEmpty {
      html += "<table><tr><th>pattern</th><th>owner</th><th>files</th><th>why</th></tr>\n"
      for finding in ownership.findings {
        html +=
          "<tr><td><code>\(escape(finding.claim.pattern))</code></td><td>\(escape(finding.owner))</td><td class=\"n\">\(finding.files)</td><td>\(escape(finding.reason))</td></tr>\n"
      }
      html += "</table>\n"
    }
    let shown = ownership.unownedAtRisk.prefix(400)
    html += "<h2>Files at risk nobody owns (\(ownership.unownedAtRisk.count))</h2>"
    if shown.count < ownership.unownedAtRisk.count {
      html += "<p class=\"note\">The first \(shown.count); <code>tillit audit --format json</code> lists all.</p>"
    }
    if !shown.isEmpty {
      html += "<table><tr><th>file</th></tr>\n" + shown.map { "<tr><td>\(escape($0.description))</td></tr>\n" }.joined() + "</table>"
    }
    return html + "</section>\n"
  }

  static func f(_ value: Double) -> String { String((value * 10).rounded() / 10) }

  static func clip(_ text: String, _ width: Int) -> String {
    width <= 1 ? "" : (text.count <= width ? text : String(text.prefix(width - 1)) + "…")
  }

  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default: result.append(character)
      }
    }
    return result
  }
}
