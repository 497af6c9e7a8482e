import Foundation

/// A repository with a `.tillit.yml`, helper scripts and Tillit's hooks installed, plus a
/// private folder outside it (`out`) where checks leave what they saw, and a private TMPDIR.
public final class HookedRepo: @unchecked Sendable {
  public let repo: TempRepo
  public let out: String
  public let tmp: String

  /// Scripts every hooked repository carries under `scripts/`.
  public static let scripts: [String: String] = [
    // Writes its arguments, NUL-separated, and the files' contents.
    "record": """
    #!/bin/sh
    printf '%s\\0' "$@" > "$OUT/args"
    pwd > "$OUT/cwd"
    for f in "$@"; do if [ -f "$f" ]; then cat "$f"; fi; done > "$OUT/seen"
    """,
    "fail-on-bad": """
    #!/bin/sh
    status=0
    for f in "$@"; do
      if grep -n BAD "$f"; then echo "BAD found in $f"; status=1; fi
    done
    exit $status
    """,
    // Says where it runs (so a test can stop it), then waits.
    "wait-forever": """
    #!/bin/sh
    echo $$ > "$OUT/check-pid"
    echo $PPID > "$OUT/tillit-pid"
    pwd > "$OUT/cwd"
    touch "$OUT/started"
    while true; do sleep 1; done
    """,
  ]

  /// A check that fails on staged `*.txt` files containing BAD, at the given stage.
  public static func failOnBadCheck(stage: String = "pre-commit") -> String {
    """
      - name: no-bad
        run: [scripts/fail-on-bad]
        files: ["*.txt"]
        pass-files: true
        stage: \(stage)

    """
  }

  public init(config: String, files: [String: String] = ["README.md": "hello\n"], install: Bool = true) throws {
    repo = try TempRepo()
    out = repo.root + "/out"
    tmp = repo.root + "/tmp"
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    for (name, body) in HookedRepo.scripts { try repo.write("scripts/\(name)", body + "\n", executable: true) }
    for (path, body) in files { try repo.write(path, body) }
    try repo.write(".tillit.yml", config)
    try repo.commitAll("initial")
    if install {
      let installed = try repo.tillit(["install"])
      guard installed.status == 0 else { throw TestFailure("tillit install failed: \(installed.output)") }
    }
  }

  /// The environment checks see: where to write, and a private TMPDIR for snapshots.
  public var environment: [String: String] { ["OUT": out, "TMPDIR": tmp] }

  /// `git commit` with the hooks running, as a user would.
  @discardableResult
  public func commit(_ message: String = "change", arguments: [String] = [], environment extra: [String: String] = [:]) throws -> CommandResult {
    try repo.git(["commit", "-m", message] + arguments, environment: environment.merging(extra) { _, new in new }, allowFailure: true)
  }

  public func outFile(_ name: String) -> [UInt8]? {
    FileManager.default.contents(atPath: out + "/" + name).map(Array.init)
  }

  public func outText(_ name: String) -> String? {
    outFile(name).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Where Tillit keeps this repository's snapshots.
  public var snapshotFolder: String { repo.path + "/.git/tillit/snapshots" }

  /// The snapshot slots Tillit keeps (`slot-N`), which persist between runs.
  public func slots() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: snapshotFolder)) ?? []).filter { $0.hasPrefix("slot-") && !$0.hasSuffix(".lock") }.sorted()
  }

  /// What Tillit left behind that is not a slot: stray folders beside the slots, and anything in
  /// the private TMPDIR.
  public func snapshots() -> [String] {
    let kept = ((try? FileManager.default.contentsOfDirectory(atPath: snapshotFolder)) ?? []).filter { !$0.hasPrefix("slot-") }
    let temporary = (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []
    return kept + temporary.filter { $0.hasPrefix("tillit-") }
  }

  public func headCount() throws -> Int {
    Int(try repo.git(["rev-list", "--count", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
  }
}
