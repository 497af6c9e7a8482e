/// Writes a first `.tillit.yml` from what a project's files say about how it is built and tested.
public enum StarterConfig {
  /// The marker files looked for, and the checks each suggests.
  static let recipes: [(marker: String, checks: [String])] = [
    ("Package.swift", ["  - name: swift-build\n    run: [swift, build]\n    files: [\"Package.swift\", \"Sources/**\"]\n    timeout: 10m",
                       "  - name: swift-test\n    run: [swift, test]\n    files: [\"Package.swift\", \"Sources/**\", \"Tests/**\"]\n    stage: pre-push\n    timeout: 20m"]),
    ("Cargo.toml", ["  - name: cargo-check\n    run: [cargo, check, --quiet]\n    files: [\"Cargo.toml\", \"**/*.rs\"]\n    timeout: 10m",
                    "  - name: cargo-test\n    run: [cargo, test, --quiet]\n    files: [\"Cargo.toml\", \"**/*.rs\"]\n    stage: pre-push\n    timeout: 20m"]),
    ("go.mod", ["  - name: go-vet\n    run: [go, vet, ./...]\n    files: [\"go.mod\", \"**/*.go\"]\n    timeout: 5m",
                "  - name: go-test\n    run: [go, test, ./...]\n    files: [\"go.mod\", \"**/*.go\"]\n    stage: pre-push\n    timeout: 20m"]),
    ("pyproject.toml", ["  - name: python-compile\n    run: [python3, -m, py_compile]\n    files: [\"**/*.py\"]\n    pass-files: true",
                        "  - name: pytest\n    run: [python3, -m, pytest, -q]\n    files: [\"**/*.py\", \"pyproject.toml\"]\n    stage: pre-push\n    timeout: 20m"]),
    ("package.json", ["  - name: npm-test\n    run: [npm, test, --silent]\n    files: [\"package.json\", \"**/*.js\", \"**/*.ts\"]\n    stage: pre-push\n    timeout: 20m"]),
    ("Makefile", ["  - name: make\n    run: [make]\n    files: [\"Makefile\", \"**/*.c\", \"**/*.h\"]\n    timeout: 10m"]),
  ]

  /// The starter text for a project whose root holds `files`.
  public static func text(forRootFiles files: Set<String>) -> String {
    var checks: [String] = []
    var found: [String] = []
    for recipe in recipes where files.contains(recipe.marker) {
      found.append(recipe.marker)
      checks += recipe.checks
    }
    checks.append("  - name: no-conflict-markers\n    run: \"! grep -nE '^(<<<<<<<|>>>>>>>)( |$)' -- \\\"$@\\\"\"\n    pass-files: true")
    let header = found.isEmpty
      ? "# Tillit checks. Written by `tillit init`; edit freely, then run `tillit trust`.\n"
      : "# Tillit checks, suggested from \(found.joined(separator: ", ")). Written by `tillit init`; edit freely, then run `tillit trust`.\n"
    return header + "# Each check runs when a staged path matches its `files`; `tillit help config` lists every key.\nchecks:\n" + checks.joined(separator: "\n") + "\n"
  }
}
