// swift-tools-version: 6.0
// libFuzzer harness for adledger's parsers. Built only by `Scripts/fuzz`, with
// `--sanitize=fuzzer --sanitize=address`, because libFuzzer supplies `main`; the properties live
// in the root package's `Fuzzing` module, which the seeded fuzz tests run in every `make test`.
import PackageDescription

let package = Package(
    name: "adledger-fuzz",
    dependencies: [.package(name: "adledger", path: "..")],
    targets: [
        .executableTarget(name: "adledger-fuzz", dependencies: [.product(name: "Fuzzing", package: "adledger")])
    ]
)
