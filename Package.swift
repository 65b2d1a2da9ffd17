// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "adledger",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "adledger", targets: ["adledger"]),
        .library(name: "Ledger", targets: ["Ledger"]),
        .library(name: "Fuzzing", targets: ["Fuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),

        .target(name: "JSON"),
        .target(name: "Normalization", dependencies: ["JSON"]),
        .target(name: "Matching", dependencies: ["JSON"]),
        .target(
            name: "Ledger",
            dependencies: [
                "CSQLite", "CZlib", "CZstd", "JSON", "Normalization", "Matching",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("schema")]
        ),
        .target(name: "MetaGraph", dependencies: ["CCurl", "JSON", "Normalization"]),
        .target(
            name: "Sync",
            dependencies: [
                "MetaGraph", "Ledger", "JSON", "Normalization", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "Shell", dependencies: ["Ledger", "JSON", "CReadline"]),
        .executableTarget(
            name: "adledger",
            dependencies: [
                "Ledger", "Sync", "Shell", "Matching", "JSON", "Normalization", "MetaGraph",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["JSON"]),
        .target(name: "Fuzzing", dependencies: ["JSON", "Normalization", "Matching"]),
        .executableTarget(name: "adledger-fixtures", dependencies: ["TestSupport", "Sync", "Ledger", "MetaGraph"]),
        .executableTarget(
            name: "adledger-bench", dependencies: ["Ledger", "Sync", "JSON", "Normalization", "Shell", "TestSupport"]),
        // In C, so that the children the bench measures through it start small (see its main.c).
        .executableTarget(name: "adledger-spawn", path: "Sources/adledger-spawn"),

        .testTarget(name: "JSONTests", dependencies: ["JSON", "TestSupport"]),
        .testTarget(name: "NormalizationTests", dependencies: ["Normalization", "JSON", "TestSupport", "Fuzzing"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "JSON", "TestSupport"]),
        .testTarget(name: "FuzzingTests", dependencies: ["Fuzzing", "Normalization", "TestSupport"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "Sync", "JSON", "Normalization", "TestSupport"]),
        .testTarget(name: "MetaGraphTests", dependencies: ["MetaGraph", "JSON", "TestSupport"]),
        .testTarget(name: "SyncTests", dependencies: ["Sync", "Ledger", "MetaGraph", "JSON", "Normalization", "TestSupport"]),
        .testTarget(name: "ShellTests", dependencies: ["Shell", "Ledger", "Sync", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["adledger", "TestSupport", "Ledger"]),
        .executableTarget(name: "adledger-reliability", dependencies: ["TestSupport", "JSON", "Ledger"]),
        .testTarget(name: "ReliabilityTests", dependencies: ["adledger", "adledger-reliability", "TestSupport"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
