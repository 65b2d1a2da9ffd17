// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "adledger",
    platforms: [.macOS(.v14)],
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

        .target(name: "Normalization"),
        .target(name: "Matching", dependencies: ["Normalization"]),
        .target(
            name: "Ledger",
            dependencies: [
                "CSQLite", "Normalization", "Matching",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("schema")]
        ),
        .target(name: "MetaGraph", dependencies: ["CCurl", "Normalization"]),
        .target(
            name: "Sync",
            dependencies: ["MetaGraph", "Ledger", "Normalization", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "Shell", dependencies: ["Ledger", "Normalization", "CReadline"]),
        .executableTarget(
            name: "adledger",
            dependencies: [
                "Ledger", "Sync", "Shell", "Matching", "Normalization", "MetaGraph",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "TestSupport"),
        .target(name: "Fuzzing", dependencies: ["Normalization", "Matching"]),
        .executableTarget(name: "adledger-fixtures", dependencies: ["TestSupport", "Sync", "Ledger", "MetaGraph"]),
        .executableTarget(name: "adledger-bench", dependencies: ["Ledger", "Normalization", "TestSupport"]),

        .testTarget(name: "NormalizationTests", dependencies: ["Normalization", "TestSupport"]),
        .testTarget(name: "MatchingTests", dependencies: ["Matching", "TestSupport"]),
        .testTarget(name: "FuzzingTests", dependencies: ["Fuzzing", "TestSupport"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "Normalization"]),
        .testTarget(name: "MetaGraphTests", dependencies: ["MetaGraph", "TestSupport"]),
        .testTarget(name: "SyncTests", dependencies: ["Sync", "Ledger", "MetaGraph", "TestSupport"]),
        .testTarget(name: "ShellTests", dependencies: ["Shell", "Ledger"]),
        .testTarget(name: "EndToEndTests", dependencies: ["adledger", "TestSupport", "Ledger"]),
        .executableTarget(name: "adledger-reliability", dependencies: ["TestSupport"]),
        .testTarget(name: "ReliabilityTests", dependencies: ["adledger", "adledger-reliability", "TestSupport"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
