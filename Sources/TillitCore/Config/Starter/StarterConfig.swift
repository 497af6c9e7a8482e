/// Writes a first `.tillit.yml` from what a project's files say about how it is built and
/// tested (`ProjectDetection`), with a check for committed conflict markers in any case.
public enum StarterConfig {
  public static func text(for project: ProjectFolder) -> String {
    let found = ProjectDetection.detect(project)
    var checks = found.checks
    var markers = CheckDraft(name: "no-conflict-markers", run: .builtin("merge-conflict", options: [("assume-in-merge", "true")]))
    markers.comments = ["conflict markers (<<<<<<<, =======, >>>>>>>) in any staged text file, merging or not"]
    checks.append(markers)
    let header =
      found.sources.isEmpty
      ? ["Tillit checks."]
      : ["Tillit checks, suggested from \(found.sources.joined(separator: ", "))."]
    return ConfigDraft.text(header: header, checks: checks)
  }

  /// The starter text for a project whose root holds `files` (empty files, no subprojects).
  public static func text(forRootFiles files: Set<String>) -> String {
    text(for: .files(Dictionary(uniqueKeysWithValues: files.map { ($0, "") })))
  }
}
