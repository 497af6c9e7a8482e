// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// libgit2 and the libraries it needs, linked statically when Debian's `-dev` packages provide
/// the archives (they do: libgit2-dev pulls them in). A shared libgit2 pulls in 21 libraries
/// at every start; linked statically, `tillit hook pre-commit` starts several times faster.
/// `--wrap` lets TillitGit skip the parts of libgit2's start that only its own network
/// transports need, and CLibgit2Static stands in for GSSAPI (see libgit2_static.c);
/// Tillit's network goes through the git command.
let staticLibgit2Archives: [String]? = {
  #if arch(arm64)
  let directory = "/usr/lib/aarch64-linux-gnu"
  #else
  let directory = "/usr/lib/x86_64-linux-gnu"
  #endif
  let archives = ["git2", "mbedtls", "mbedx509", "mbedcrypto", "http_parser", "ssh2", "crypto", "pcre2-8", "z"]
  let paths = archives.map { "\(directory)/lib\($0).a" }
  guard ProcessInfo.processInfo.environment["TILLIT_SHARED_LIBGIT2"] == nil,
    paths.allSatisfy({ FileManager.default.fileExists(atPath: $0) })
  else { return nil }
  return paths
}()

let libgit2Linking: [LinkerSetting] = {
  guard let archives = staticLibgit2Archives else { return [.linkedLibrary("git2"), .linkedLibrary("z"), .linkedLibrary("crypto")] }
  let wraps = ["git_mbedtls_stream_global_init", "git_transport_ssh_global_init"].flatMap { ["-Xlinker", "--wrap=\($0)"] }
  return [
    .unsafeFlags(wraps + archives.flatMap { ["-Xlinker", $0] }),
    .linkedLibrary("pthread"), .linkedLibrary("dl"), .linkedLibrary("rt"),
  ]
}()

/// The release binary is linked fully statically (glibc included) when libgit2's archives are
/// there: no dynamic loader and no lazy symbol binding at each start, which is most of what a
/// hook that runs no check costs (measured: 3.4 ms → 2.2 ms of CPU for a no-match hook). It is
/// built on the machine it runs on (install.sh builds it there), as glibc's name-service
/// functions need of a static binary; nothing in Tillit looks symbols up at run time (`dlsym`
/// finds nothing in a static binary). Otherwise a fixed-address executable without exported
/// symbols.
let releaseLinking: [String] = staticLibgit2Archives == nil
  ? ["-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic"]
  : ["-static-executable", "-Xlinker", "--no-export-dynamic"]

let package = Package(
  name: "tillit",
  products: [
    .executable(name: "tillit", targets: ["tillit"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    // No `pkgConfig:` here on purpose: pkg-config would add `-lgit2` ahead of everything and
    // force the shared library; `libgit2Linking` chooses instead. Headers are in /usr/include.
    .systemLibrary(name: "CLibgit2", providers: [.apt(["libgit2-dev"])]),
    .target(name: "CLibgit2Static"),
    .target(
      name: "TillitGit", dependencies: staticLibgit2Archives == nil ? ["CLibgit2"] : ["CLibgit2", "CLibgit2Static"],
      linkerSettings: libgit2Linking),
    // Stops a killed Tillit's checks: forked, so written in C (see process_guard.c).
    .target(name: "CProcessGuard"),
    // Processes, signals, files, clocks, binary coding and parallelism: what Tillit asks of the
    // system, with nothing of git in it (see docs/ARCHITECTURE.md).
    .target(name: "TillitSystem", dependencies: ["CProcessGuard"]),
    .target(
      name: "TillitCore",
      dependencies: ["TillitSystem", "TillitGit"],
      resources: [.embedInCode("Hooks/Resources/shim.sh")]
    ),
    .target(name: "TillitReport", dependencies: ["TillitCore", "TillitSystem"]),
    .executableTarget(
      name: "tillit",
      dependencies: [
        "TillitCore", "TillitReport", "TillitGit", "TillitSystem",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      linkerSettings: [.unsafeFlags(releaseLinking, .when(configuration: .release))]
    ),
    // Benchmarks only: the ledger's append timed inside one process (bench/ledger-bench.sh).
    .executableTarget(name: "append-in-process", dependencies: ["TillitCore", "TillitGit"], path: "bench/append-in-process"),
    .target(name: "TillitTestSupport", path: "Tests/TillitTestSupport"),
    .testTarget(name: "TillitGitTests", dependencies: ["TillitGit", "TillitTestSupport"]),
    .testTarget(name: "TillitCoreTests", dependencies: ["TillitCore", "TillitGit", "TillitSystem", "TillitTestSupport"]),
    // Golden/ holds the renderers' expected outputs, read from the sources (see RenderingGoldenTests).
    .testTarget(name: "TillitCLITests", dependencies: ["tillit", "TillitCore", "TillitSystem", "TillitTestSupport"], exclude: ["Golden"]),
  ]
)
