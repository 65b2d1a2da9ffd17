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
        append(prevHash, to: &hasher)
        append(String(seq), to: &hasher)
        append(kind, to: &hasher)
        append(stream, to: &hasher)
        append(String(version), to: &hasher)
        append(recordedAt, to: &hasher)
        append(payloadHash, to: &hasher)
        if let meta { append(meta, to: &hasher) } else { append(byte: 0x2D, to: &hasher) }  // "-" marks no meta
        return HashFormat.hex(hasher.finalize())
    }

    /// Hex SHA-256 of canonical payload bytes.
    static func payloadHash(_ bytes: [UInt8]) -> String { HashFormat.hex(SHA256.hash(data: bytes)) }

    /// `field` as `<utf8 count>:<utf8 bytes>`, read in place (no copies: this runs for every event appended).
    private static func append(_ field: String, to hasher: inout SHA256) {
        var field = field
        field.withUTF8 { bytes in
            // The decimal length and its colon, written right to left into a small stack buffer.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { prefix in
                var end = prefix.count
                end -= 1
                prefix[end] = UInt8(ascii: ":")
                var count = bytes.count
                repeat {
                    end -= 1
                    prefix[end] = UInt8(ascii: "0") + UInt8(count % 10)
                    count /= 10
                } while count > 0
                hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: prefix[end...])))
            }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        }
    }

    private static func append(byte: UInt8, to hasher: inout SHA256) {
        withUnsafeBytes(of: byte) { hasher.update(bufferPointer: $0) }
    }
}
