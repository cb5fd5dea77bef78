// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Rill",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "Rill", targets: ["Rill"]),
    .library(name: "RillCore", targets: ["RillCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1")
  ],
  targets: [
    .systemLibrary(
      name: "CBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),
    .target(name: "CRillKernels"),
    .target(
      name: "RillCore",
      dependencies: [
        "CBLAS", "CRillKernels",
        .product(name: "RealModule", package: "swift-numerics"),
      ]
    ),
    .target(name: "Rill", dependencies: ["RillCore"]),
    .target(name: "RillTestSupport", dependencies: ["RillCore"], path: "Tests/RillTestSupport"),
    .testTarget(name: "RillCoreTests", dependencies: ["RillCore", "RillTestSupport"]),
    .testTarget(
      name: "ConformanceTests", dependencies: ["Rill", "RillTestSupport"]),
  ],
  swiftLanguageModes: [.v5]
)
