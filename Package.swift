// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "tillit",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "tillit", targets: ["tillit"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibgit2",
      pkgConfig: "libgit2",
      providers: [.apt(["libgit2-dev"])]
    ),
    .target(name: "TillitGit", dependencies: ["CLibgit2"]),
    .target(
      name: "TillitCore",
      dependencies: ["TillitGit", .product(name: "Yams", package: "Yams")],
      resources: [.embedInCode("Hooks/Resources/shim.sh")]
    ),
    .target(name: "TillitReport", dependencies: ["TillitCore"]),
    .executableTarget(
      name: "tillit",
      dependencies: [
        "TillitCore", "TillitReport", "TillitGit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "TillitGitTests", dependencies: ["TillitGit"]),
    .testTarget(name: "TillitCoreTests", dependencies: ["TillitCore", "TillitGit"]),
    .testTarget(name: "TillitCLITests", dependencies: ["TillitGit"]),
  ]
)
