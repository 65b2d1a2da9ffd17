import Crypto

/// SHA-256 over the chain fields, each length-prefixed so no two field lists share an encoding:
/// `hash = SHA256(prev_hash ‖ seq ‖ kind ‖ stream ‖ version ‖ recorded_at ‖ payload_hash ‖ meta)`.
enum EventHasher {
    static let genesis = String(repeating: "0", count: 64)

    /// The chain hash of an event whose previous hash and payload hash are spelled in hex (as `events` gives them).
    static func chainHash(
        prevHash: String, seq: Int64, kind: String, stream: String, version: Int64, recordedAt: String,
        payloadHash: String, meta: String?
    ) -> String {
        chainDigest(
            prev: ChainHash(hex: prevHash), seq: seq, kind: kind, stream: stream, version: version,
            recordedAt: recordedAt, payload: ChainHash(hex: payloadHash), meta: meta
        ).hex
    }

    /// The chain hash as 32 bytes, of hashes read as bytes (or a damaged file's text): the hex they are hashed as and
    /// the numbers are written in stack buffers, so the append path and verify's chain walk make no strings and
    /// parse no hex back into the bytes a ledger stores.
    static func chainDigest(
        prev: ChainHash, seq: Int64, kind: String, stream: String, version: Int64, recordedAt: String,
        payload: ChainHash, meta: String?
    ) -> PayloadDigest {
        var hasher = SHA256()
        prev.withHex { append(bytes: $0, to: &hasher) }
        append(decimal: seq, to: &hasher)
        append(kind, to: &hasher)
        append(stream, to: &hasher)
        append(decimal: version, to: &hasher)
        append(recordedAt, to: &hasher)
        payload.withHex { append(bytes: $0, to: &hasher) }
        if let meta { append(meta, to: &hasher) } else { append(byte: 0x2D, to: &hasher) }  // "-" marks no meta
        return PayloadDigest(hasher.finalize())
    }

    /// Hex SHA-256 of canonical payload bytes.
    static func payloadHash(_ bytes: [UInt8]) -> String { HashFormat.hex(SHA256.hash(data: bytes)) }

    /// `field` as `<utf8 count>:<utf8 bytes>`, read in place (no copies: this runs for every event appended).
    private static func append(_ field: String, to hasher: inout SHA256) {
        var field = field
        field.withUTF8 { append(bytes: UnsafeRawBufferPointer($0), to: &hasher) }
    }

    /// `bytes` as `<count>:<bytes>`.
    private static func append(bytes: UnsafeRawBufferPointer, to hasher: inout SHA256) {
        // The decimal length and its colon, written right to left into a small stack buffer.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { prefix in
            let start = writeDecimal(UInt64(bytes.count), endingAt: prefix.count - 1, in: prefix)
            prefix[prefix.count - 1] = UInt8(ascii: ":")
            hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: prefix[start...])))
        }
        hasher.update(bufferPointer: bytes)
    }

    /// `value` in decimal as a field, as `append(String(value), to:)` would add it.
    private static func append(decimal value: Int64, to hasher: inout SHA256) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
            var start = writeDecimal(value.magnitude, endingAt: digits.count, in: digits)
            if value < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            append(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: digits[start...])), to: &hasher)
        }
    }

    /// Writes `value`'s decimal digits right to left, ending before `end`; returns where they start.
    private static func writeDecimal(_ value: UInt64, endingAt end: Int, in buffer: UnsafeMutableBufferPointer<UInt8>)
        -> Int
    {
        var start = end
        var value = value
        repeat {
            start -= 1
            buffer[start] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        } while value > 0
        return start
    }

    private static func append(byte: UInt8, to hasher: inout SHA256) {
        withUnsafeBytes(of: byte) { hasher.update(bufferPointer: $0) }
    }
}
