import Crypto

/// SHA-256 over the chain fields, each length-prefixed so no two field lists share an encoding:
/// `hash = SHA256(prev_hash ‖ seq ‖ kind ‖ stream ‖ version ‖ recorded_at ‖ payload_hash ‖ meta)`.
enum EventHasher {
    static let genesis = String(repeating: "0", count: 64)

    static func chainHash(
        prevHash: String, seq: Int64, kind: String, stream: String, version: Int64, recordedAt: String,
        payloadHash: String, meta: String?
    ) -> String {
        var hasher = SHA256()
        for field in [prevHash, String(seq), kind, stream, String(version), recordedAt, payloadHash] {
            append(field, to: &hasher)
        }
        if let meta { append(meta, to: &hasher) } else { hasher.update(data: [0x2D]) }  // "-" marks no meta
        return HashFormat.hex(hasher.finalize())
    }

    /// Hex SHA-256 of canonical payload bytes.
    static func payloadHash(_ bytes: [UInt8]) -> String { HashFormat.hex(SHA256.hash(data: bytes)) }

    private static func append(_ field: String, to hasher: inout SHA256) {
        let bytes = Array(field.utf8)
        hasher.update(data: Array("\(bytes.count):".utf8))
        hasher.update(data: bytes)
    }
}
