import JSON

/// A parser or rule set that `adledger-fuzz` (libFuzzer) and the seeded fuzz tests drive with
/// arbitrary bytes, and the properties that must hold for every input.
///
/// A check never traps on its own account: it returns when every property holds and throws a
/// ``FuzzFailure`` naming the broken one. A crash or hang inside the code under test is the other
/// kind of finding, and libFuzzer or the test's deadline reports it.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `JSONParser` (whole values and the one-level reader), canonical JSON, `ExactDecimal` and the SQLite
    /// storage value of each number.
    case json
    /// `Normalizer.normalize` on any JSON value.
    case normalize
    /// The byte reader of canonical insight rows (the rebuild's fast path) against `JSONParser` and
    /// `Normalizer.normalize`, on the input, its canonical form and near-canonical variants.
    case canonical
    /// `CreativeFileReader` on CSV and JSON lines.
    case creatives
    /// `AdNameTokens`, `MatchSuggester` and `CreativeFilename` on any text.
    case names

    /// The largest input worth trying: bigger ones only slow the fuzzer down, and every reader
    /// here is linear, which the `ingest` and `creatives import` campaigns check at full size.
    public static let maxInputBytes = 64 * 1024

    /// Checks every property of this target on `bytes`.
    public func check(_ bytes: [UInt8]) throws(FuzzFailure) {
        switch self {
        case .json: try JSONProperties.check(bytes)
        case .normalize: try NormalizerProperties.check(bytes)
        case .canonical: try CanonicalRowProperties.check(bytes)
        case .creatives: try CreativeListProperties.check(bytes)
        case .names: try NameProperties.check(bytes)
        }
    }
}
