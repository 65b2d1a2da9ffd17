import Testing

@testable import Ledger

/// The append path and verify's chain walk hash the chain from stored bytes (`EventHasher.chainDigest`), and
/// `chainHash` goes through it for hashes spelled in hex: both must give the chain's formula, SHA-256 over each field
/// spelled `<utf8 count>:<text>` (the hashes as lowercase hex, "-" for no meta), which every ledger's chain was
/// computed over (`LegacyLedgerTests` verifies a first-release fixture's chain too).
@Suite struct ChainHashTests {
    static func digest(_ text: String) -> PayloadDigest { Array(text.utf8).withUnsafeBytes { PayloadDigest(of: $0) } }

    /// The formula, spelled out with strings.
    static func formula(_ fields: [String], meta: String?) -> PayloadDigest {
        let text = fields.map { "\($0.utf8.count):\($0)" }.joined() + (meta.map { "\($0.utf8.count):\($0)" } ?? "-")
        return digest(text)
    }

    @Test func theDigestOfStoredBytesIsTheChainFormula() {
        let streams = ["ad:120:2025-12-01", "ad:120:2025-12-01:country=FR", "sync:é—ü", ""]
        for (index, stream) in streams.enumerated() {
            let prev = Self.digest("prev \(index)")
            let payload = Self.digest("payload \(index)")
            for meta in [nil, #"{"run_id":"r"}"#] {
                for (seq, version) in [(Int64(1), Int64(1)), (9, 10), (1_234_567_890_123, 99), (-5, 0)] {
                    let expected = Self.formula(
                        [prev.hex, String(seq), "insight.fetched", stream, String(version), "2025-12-01T00:00:00Z",
                         payload.hex], meta: meta)
                    let bytes = EventHasher.chainDigest(
                        prev: .digest(prev), seq: seq, kind: "insight.fetched", stream: stream, version: version,
                        recordedAt: "2025-12-01T00:00:00Z", payload: .digest(payload), meta: meta)
                    #expect(bytes == expected, "\(stream) \(seq) \(version) \(meta ?? "-")")
                    let hex = EventHasher.chainHash(
                        prevHash: prev.hex, seq: seq, kind: "insight.fetched", stream: stream, version: version,
                        recordedAt: "2025-12-01T00:00:00Z", payloadHash: payload.hex, meta: meta)
                    #expect(hex == expected.hex)
                }
            }
        }
    }

    /// A damaged file's text that spells no hash is hashed as the text it is.
    @Test func textThatIsNoHashIsHashedAsItIs() {
        for text in ["", "ABCDEF", String(repeating: "A", count: 64), String(repeating: "0", count: 63)] {
            let stored = ChainHash(hex: text)
            #expect(stored == .text(text))
            let expected = Self.formula([text, "2", "k", "s", "1", "t", text], meta: nil)
            let bytes = EventHasher.chainDigest(
                prev: stored, seq: 2, kind: "k", stream: "s", version: 1, recordedAt: "t", payload: stored, meta: nil)
            #expect(bytes == expected)
            let hex = EventHasher.chainHash(
                prevHash: text, seq: 2, kind: "k", stream: "s", version: 1, recordedAt: "t", payloadHash: text, meta: nil)
            #expect(hex == expected.hex)
        }
    }

    /// Stored hashes read as `HashFormat.hex` reads them: 32 bytes or text; anything else is no hash.
    @Test func storedHashesReadAsTheHexRouteReadsThem() {
        let digest = Self.digest("x")
        let bytes = digest.withBytes { Array($0) }
        #expect(ChainHash(stored: .blob(bytes)) == .digest(digest))
        #expect(ChainHash(stored: .text(digest.hex)) == .digest(digest))
        #expect(ChainHash(stored: .blob(Array(bytes.dropLast()))) == nil)
        #expect(ChainHash(stored: .integer(7)) == nil)
        #expect(ChainHash(stored: .null) == nil)
        #expect(ChainHash.genesis == .digest(.zero))
        #expect(PayloadDigest.zero.hex == EventHasher.genesis)
        #expect(HashFormat.hex(bytes) == digest.hex)
        #expect(EventHasher.payloadHash(Array("x".utf8)) == digest.hex)
    }
}
