import TillitCore

/// The audit page's map of the folders: a box per top folder, split into its subfolders and its
/// own files, and a box for the files at the repository's top; each sized by its files and
/// coloured by the share of them at risk, the figure the page's headline gives and what a
/// maintainer must act on. (A count of active knowers would hide it: four people who each know
/// a different file make a folder look safe while every file in it is at risk.)
///
/// Boxes carry `data-folder` (a folder's path) or `data-files-in` (the folder whose own files
/// they hold, "" for the top), so the colours can be checked against the JSON.
enum AuditTreemap {
  struct Band {
    let colour: String
    let label: String
    /// Dark text reads better on the light fills.
    let darkText: Bool
  }

  /// None at risk, under 10 %, under 25 %, under half, half or more.
  static let bands = [
    Band(colour: "#43a047", label: "none at risk", darkText: false),
    Band(colour: "#9ccc65", label: "under 10% at risk", darkText: true),
    Band(colour: "#f9a825", label: "10% to under 25%", darkText: true),
    Band(colour: "#ef6c00", label: "25% to under half", darkText: false),
    Band(colour: "#c62828", label: "half or more at risk", darkText: false),
  ]

  /// The band of `atRisk` files of `files`, in whole numbers so the edges are exact.
  static func band(atRisk: Int, of files: Int) -> Band {
    let index = atRisk <= 0 ? 0 : atRisk * 10 < files ? 1 : atRisk * 4 < files ? 2 : atRisk * 2 < files ? 3 : 4
    return bands[index]
  }

  static var legend: String {
    "<p class=\"legend\">" + bands.map { "<span><i style=\"background:\($0.colour)\"></i>\($0.label)</span>" }.joined() + "</p>\n"
  }

  /// Files and files at risk directly in each folder ("" for the top), not in its subfolders.
  struct OwnFiles {
    var files: [String: Int] = [:]
    var atRisk: [String: Int] = [:]

    init(_ spread: KnowledgeSpread) {
      for file in spread.files {
        let folder = AuditFigures.folder(of: file.path.description)
        files[folder, default: 0] += 1
        if file.activeKnowers.count <= 1 { atRisk[folder, default: 0] += 1 }
      }
    }
  }

  static func render(_ report: Audit.Report) -> String {
    let (width, height) = (1120.0, 420.0)
    let folders = report.folders.filter { !$0.path.isEmpty }
    let tops = folders.filter { !$0.path.contains("/") }
    let own = OwnFiles(report.spread)
    let rootFiles = own.files[""] ?? 0
    var svg =
      "<svg class=\"treemap\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Folders coloured by their share of files at risk\">\n"
    let cells = Treemap.layout(
      tops.map { Double($0.files) } + (rootFiles > 0 ? [Double(rootFiles)] : []),
      in: Treemap.Rect(x: 0, y: 0, width: width, height: height))
    for (index, top) in tops.enumerated() {
      let cell = cells[index]
      let children = folders.filter { $0.path.hasPrefix(top.path + "/") && !$0.path.dropFirst(top.path.count + 1).contains("/") }
      let ownFiles = own.files[top.path] ?? 0
      let inner = Treemap.Rect(x: cell.x + 2, y: cell.y + 16, width: max(0, cell.width - 4), height: max(0, cell.height - 18))
      let parts = Treemap.layout(children.map { Double($0.files) } + (ownFiles > 0 ? [Double(ownFiles)] : []), in: inner)
      let share = AuditFigures.percent(AuditFigures.share(top.filesAtRisk, of: top.files))
      svg += "<g><rect data-top=\"\(AuditHTML.escape(top.path))\" \(geometry(cell)) fill=\"#eef0f4\" stroke=\"#fff\"/>"
      if cell.width > 40 {
        svg += "<text x=\"\(f(cell.x + 4))\" y=\"\(f(cell.y + 12))\">\(AuditHTML.escape(clip("\(top.path)/ · \(share) at risk", cell.width)))</text>"
      }
      svg += "<title>\(AuditHTML.escape(describe(top)))</title></g>\n"
      for (position, rect) in parts.enumerated() {
        if position < children.count {
          let folder = children[position]
          svg += box(
            rect, attribute: "data-folder", key: folder.path, name: String(folder.path.dropFirst(top.path.count + 1)) + "/",
            files: folder.files, atRisk: folder.filesAtRisk, detail: describe(folder))
        } else {
          let atRisk = own.atRisk[top.path] ?? 0
          svg += box(
            rect, attribute: "data-files-in", key: top.path, name: "(own files)", files: ownFiles, atRisk: atRisk,
            detail: "\(top.path)/ (its own files): " + counts(files: ownFiles, atRisk: atRisk))
        }
      }
    }
    if rootFiles > 0, let cell = cells.last {
      let atRisk = own.atRisk[""] ?? 0
      svg += box(
        cell, attribute: "data-files-in", key: "", name: "top-level files", files: rootFiles, atRisk: atRisk,
        detail: "top-level files: " + counts(files: rootFiles, atRisk: atRisk), alwaysLabelled: true)
    }
    return svg + "</svg>\n" + legend
  }

  /// One coloured box with its label (when it fits, or always) and its figures as a tooltip.
  static func box(
    _ rect: Treemap.Rect, attribute: String, key: String, name: String, files: Int, atRisk: Int, detail: String,
    alwaysLabelled: Bool = false
  ) -> String {
    let band = band(atRisk: atRisk, of: files)
    var svg = "<g><rect \(attribute)=\"\(AuditHTML.escape(key))\" \(geometry(rect)) fill=\"\(band.colour)\" stroke=\"#fff\"/>"
    if alwaysLabelled || (rect.width > 36 && rect.height > 14) {
      let style = band.darkText ? "fill:#1d2330" : "fill:#fff"
      let text = alwaysLabelled ? name : clip(name, rect.width)
      // A label that must show and does not fit is squeezed into its box rather than cut.
      let squeeze =
        alwaysLabelled && Double(name.count) * 6.5 > rect.width - 6
        ? " textLength=\"\(f(max(rect.width - 6, 1)))\" lengthAdjust=\"spacingAndGlyphs\"" : ""
      svg += "<text x=\"\(f(rect.x + 3))\" y=\"\(f(rect.y + min(12, max(rect.height - 2, 9))))\"\(squeeze) style=\"\(style)\">\(AuditHTML.escape(text))</text>"
    }
    return svg + "<title>\(AuditHTML.escape(detail))</title></g>\n"
  }

  static func describe(_ folder: KnowledgeSpread.Folder) -> String {
    "\(folder.path)/: " + counts(files: folder.files, atRisk: folder.filesAtRisk)
      + ", \(folder.activeKnowers) active knower\(folder.activeKnowers == 1 ? "" : "s"), truck factor \(folder.truckFactor)"
  }

  static func counts(files: Int, atRisk: Int) -> String {
    "\(files) file\(files == 1 ? "" : "s"), \(atRisk) at risk (\(AuditFigures.percent(AuditFigures.share(atRisk, of: files))))"
  }

  static func geometry(_ rect: Treemap.Rect) -> String {
    "x=\"\(f(rect.x))\" y=\"\(f(rect.y))\" width=\"\(f(rect.width))\" height=\"\(f(rect.height))\""
  }

  static func f(_ value: Double) -> String { AuditHTML.f(value) }

  /// `text` cut to what a box `width` wide holds (about 6.5 units a character).
  static func clip(_ text: String, _ width: Double) -> String { AuditHTML.clip(text, Int(width / 6.5)) }
}
