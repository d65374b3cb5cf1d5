// swift-tools-version:6.0
import PackageDescription

// Release builds of the numeric modules skip exclusivity checks in hot loops.
let fastMath: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"], .when(configuration: .release)),
]

// dln builds on Linux only (Glibc, /proc, Debian's OpenBLAS and readline), which needs
// no minimum version here; it states no Apple platform, since it builds on none.
let package = Package(
    name: "dln",
    products: [
        .executable(name: "dln", targets: ["dln"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C libraries from Debian.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CZmq", path: "Sources/CZmq"),
        // dln's own matrix-product kernels for thin shapes; optimised in debug builds too,
        // where the tests run them.
        .target(name: "CMatrixKernels", cSettings: [.unsafeFlags(["-O3"])]),

        // The engine, the learning library, the plotting library, the language.
        .target(
            name: "TensorCore",
            dependencies: ["CBLAS", "CMatrixKernels", "ResourceLimits", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: fastMath
        ),
        .target(name: "FileWriting"),
        .target(name: "StandardStreams"),
        .target(name: "ResourceLimits", dependencies: ["CMalloc"]),
        .target(name: "NeuralNet", dependencies: ["TensorCore", "FileWriting", "ResourceLimits", "CZlib"], swiftSettings: fastMath),
        .target(name: "Gnuplot", dependencies: ["FileWriting", "ResourceLimits"]),
        .target(name: "Language", dependencies: ["FileWriting", "ResourceLimits", "StandardStreams"]),
        .target(name: "Library", dependencies: ["Language", "TensorCore", "NeuralNet", "Gnuplot", "ResourceLimits"]),
        .target(name: "Console", dependencies: ["Language", "Library", "CReadline", "CellCache", "StandardStreams"]),
        .target(name: "NotebookBatch", dependencies: [.product(name: "Crypto", package: "swift-crypto"), "StandardStreams"]),
        .target(name: "NotebookConversion", dependencies: ["Language"]),
        .target(name: "Kernel", dependencies: ["Language", "Library", "Console", "FileWriting", "CZmq",
                                               .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Sweeps", dependencies: ["NotebookBatch", "Language", "Gnuplot", "FileWriting"]),
        .target(name: "CellCache", dependencies: ["Language", "FileWriting", "NotebookBatch"]),
        .target(name: "Reports", dependencies: ["Language", "FileWriting", .product(name: "Ink", package: "Ink")]),
        .target(name: "NotebookFormatter", dependencies: ["Language"]),
        .executableTarget(
            name: "dln",
            dependencies: [
                "Language", "Library", "Console", "TensorCore", "Gnuplot", "NotebookBatch", "FileWriting", "ResourceLimits", "Reports",
                "Kernel", "NotebookConversion",
                "Sweeps", "NotebookFormatter", "CellCache",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks that need a native driver (bench/run.py runs them).
        // The single-core FMA peak the harness compares epochs with.
        .target(name: "CFMAPeak", path: "bench/Sources/CFMAPeak", cSettings: [.unsafeFlags(["-O2"])]),
        .executableTarget(name: "dln-bench", dependencies: ["TensorCore", "NeuralNet", "ResourceLimits", "CFMAPeak", "CMatrixKernels"], path: "bench/Sources/dln-bench",
                          swiftSettings: fastMath),

        // Fuzz targets: a corpus replayer normally; libFuzzer entry points when
        // built by scripts/fuzz with -DFUZZING -sanitize=fuzzer.
        .executableTarget(name: "dln-fuzz", dependencies: ["Language", "Library", "NeuralNet", "TensorCore"], path: "fuzz/Sources/dln-fuzz"),

        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore", "CMatrixKernels", .product(name: "RealModule", package: "swift-numerics")]),
        .testTarget(name: "FileWritingTests", dependencies: ["FileWriting"]),
        .testTarget(name: "StandardStreamsTests", dependencies: ["StandardStreams"]),
        .testTarget(name: "ResourceLimitsTests", dependencies: ["ResourceLimits"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "TensorCore"]),
        .testTarget(name: "GnuplotTests", dependencies: ["Gnuplot"], resources: [.copy("Snapshots")]),
        .testTarget(name: "LanguageTests", dependencies: ["Language"]),
        .testTarget(name: "LibraryTests", dependencies: ["Library", "Language", "TensorCore"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console"]),
        .testTarget(name: "NotebookBatchTests", dependencies: ["NotebookBatch"]),
        .testTarget(name: "SweepsTests", dependencies: ["Sweeps", "Language"]),
        .testTarget(name: "CellCacheTests", dependencies: ["CellCache", "Language", "Library"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Language"]),
        .testTarget(name: "KernelTests", dependencies: ["Kernel", "Language", "Library"]),
        .testTarget(name: "NotebookConversionTests", dependencies: ["NotebookConversion", "Language"]),
        .testTarget(name: "NotebookFormatterTests", dependencies: ["NotebookFormatter", "Language"]),
        .testTarget(name: "EndToEndTests", dependencies: ["dln"], exclude: ["Corpus", "ReportChecks", "Jupyter"]),
    ],
    swiftLanguageModes: [.v5]
)
