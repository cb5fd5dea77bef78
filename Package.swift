// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Rill",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "Rill", targets: ["Rill"]),
    .library(name: "RillCore", targets: ["RillCore"]),
    .library(name: "RillNN", targets: ["RillNN"]),
    .library(name: "RillData", targets: ["RillData"]),
    .library(name: "RillBoard", targets: ["RillBoard"]),
    // The C API (include/rill.h) as librill.so.
    .library(name: "rill", type: .dynamic, targets: ["RillC"]),
    .library(name: "RillDistributed", targets: ["RillDistributed"]),
    .library(name: "RillVulkan", targets: ["RillVulkan"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    // The TensorBoard event messages (Generated/TensorBoardProtos; the generated code is
    // committed, so building Rill needs no protoc: see scripts/generate-protos).
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
  ],
  targets: [
    // System libraries (Debian packages named in `providers`).
    .systemLibrary(name: "CBLAS", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CDNNL", providers: [.apt(["libdnnl-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "CDeflate", pkgConfig: "libdeflate",
      providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),
    .systemLibrary(name: "CMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev"])]),
    .systemLibrary(name: "CVulkan", pkgConfig: "vulkan", providers: [.apt(["libvulkan-dev"])]),

    // The span kernels of the CPU backend, compiled per instruction set.
    .target(name: "CRillKernels"),

    .target(
      name: "RillCore",
      dependencies: [
        "CBLAS", "CDNNL", "CRillKernels", .product(name: "RealModule", package: "swift-numerics"),
      ]),
    // Each module depends only on those below it: RillCore; RillData and RillBoard on it; RillNN
    // on all three (its TensorBoard callback writes through RillBoard); Rill re-exports them.
    .target(
      name: "RillData",
      dependencies: [
        "RillCore", "CZlib", "CDeflate", .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // TensorFlow's event-file messages, generated from Generated/TensorBoardProtos/Protos by
    // scripts/generate-protos (machine-written, so kept out of Sources).
    .target(
      name: "TensorBoardProtos",
      dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
      path: "Generated/TensorBoardProtos", exclude: ["Protos"]),
    .target(
      name: "RillBoard",
      dependencies: [
        "RillCore", "CZlib", "TensorBoardProtos",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ]),
    .target(name: "RillNN", dependencies: ["RillCore", "RillData", "RillBoard"]),
    .target(name: "Rill", dependencies: ["RillCore", "RillNN", "RillData", "RillBoard"]),
    .target(name: "RillC", dependencies: ["Rill"]),
    // Data-parallel training over Open MPI; not part of `Rill`, so that only programs that
    // train on several processes link MPI.
    .target(name: "RillDistributed", dependencies: ["RillCore", "RillNN", "CMPI"]),
    // The Vulkan compute backend: the runtime and the committed SPIR-V in C, the device in Swift
    // (shader sources and scripts/compile-shaders make the SPIR-V).
    .target(name: "CRillVulkan", dependencies: ["CVulkan"], linkerSettings: [.linkedLibrary("vulkan")]),
    .target(name: "RillVulkan", dependencies: ["RillCore", "CRillVulkan"], exclude: ["Shaders"]),

    // One runnable program per tutorial program (`swift run -c release <Name>`).
    .executableTarget(name: "TensorTour", dependencies: ["Rill"], path: "Examples/TensorTour"),
    .executableTarget(
      name: "LinearRegression", dependencies: ["Rill"], path: "Examples/LinearRegression"),
    .executableTarget(
      name: "MultivariateRegression", dependencies: ["Rill"],
      path: "Examples/MultivariateRegression"),
    .executableTarget(
      name: "LogisticRegression", dependencies: ["Rill"], path: "Examples/LogisticRegression"),
    .executableTarget(name: "KerasMNIST", dependencies: ["Rill"], path: "Examples/KerasMNIST"),
    .executableTarget(
      name: "GraphLinearRegression", dependencies: ["Rill"], path: "Examples/GraphLinearRegression"),
    .executableTarget(
      name: "GraphTwoLayerNetwork", dependencies: ["Rill"], path: "Examples/GraphTwoLayerNetwork"),
    .executableTarget(name: "GraphMNIST", dependencies: ["Rill"], path: "Examples/GraphMNIST"),
    .executableTarget(name: "DataPipeline", dependencies: ["Rill"], path: "Examples/DataPipeline"),
    .executableTarget(
      name: "MNISTSoftmaxRegression", dependencies: ["Rill"],
      path: "Examples/MNISTSoftmaxRegression"),
    .executableTarget(
      name: "MNISTFromScratch", dependencies: ["Rill"], path: "Examples/MNISTFromScratch"),
    .executableTarget(name: "MNISTConvNet", dependencies: ["Rill"], path: "Examples/MNISTConvNet"),
    // Swift's predictions, which the C and Java examples' test compares theirs with.
    .executableTarget(name: "CAPIReference", dependencies: ["Rill"], path: "Examples/c/Reference"),
    .executableTarget(
      name: "DistributedMNIST", dependencies: ["Rill", "RillDistributed"],
      path: "Examples/DistributedMNIST"),

    // Mutation fuzzing of every reader (`make fuzz`), each input in a child process.
    .target(
      name: "RillFuzzing", dependencies: ["RillData", "RillBoard", "CZlib"],
      path: "Tools/RillFuzzing"),
    .executableTarget(name: "rill-fuzz", dependencies: ["RillFuzzing"], path: "Tools/rill-fuzz"),

    .target(name: "RillTestSupport", dependencies: ["RillCore"], path: "Tests/RillTestSupport"),
    // The child process that the durability tests kill in the middle of saving.
    .executableTarget(name: "SaveLoop", dependencies: ["Rill"], path: "Tests/SaveLoop"),
    .testTarget(
      name: "RillCoreTests", dependencies: ["RillCore", "CRillKernels", "RillTestSupport"]),
    .testTarget(
      name: "RillNNTests", dependencies: ["RillNN", "RillData", "RillTestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(name: "RillDataTests", dependencies: ["RillData", "RillTestSupport"]),
    .testTarget(
      name: "RillBoardTests",
      dependencies: [
        "RillBoard", "RillNN", "RillTestSupport",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      exclude: ["Scripts"]),
    .testTarget(
      name: "ExamplesTests",
      dependencies: [
        "TensorTour", "LinearRegression", "MultivariateRegression", "LogisticRegression",
        "KerasMNIST",
        "GraphLinearRegression", "GraphTwoLayerNetwork", "GraphMNIST", "DataPipeline",
        "MNISTSoftmaxRegression", "MNISTFromScratch", "MNISTConvNet",
      ]),
    .testTarget(name: "DurabilityTests", dependencies: ["Rill", "SaveLoop"]),
    // The programs the distributed tests start under `mpirun`.
    .executableTarget(
      name: "DistributedScenarios", dependencies: ["Rill", "RillDistributed"],
      path: "Tests/DistributedScenarios"),
    .testTarget(
      name: "RillDistributedTests",
      dependencies: [
        "RillDistributed", "RillNN", "RillData", "RillTestSupport", "DistributedScenarios",
        "DistributedMNIST",
      ]),
    .testTarget(
      name: "RillVulkanTests",
      dependencies: ["RillVulkan", "RillCore", "RillNN", "RillData", "RillTestSupport"]),
    .testTarget(name: "FuzzTests", dependencies: ["RillFuzzing"], exclude: ["Regressions"]),
    .testTarget(
      name: "ConformanceTests", dependencies: ["Rill", "RillVulkan", "RillTestSupport"],
      exclude: ["ops.json"]),
  ],
  swiftLanguageModes: [.v5]
)
