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

    /// The chain hash as 32 bytes, of hashes read as bytes (or a damaged file's text): the fields are written, hex and
    /// numbers included, into one stack buffer hashed in one call, so the append path and verify's chain walk make no
    /// strings, parse no hex back into the bytes a ledger stores, and pay the digest's per-call cost once (sixteen
    /// updates an event took 3% of an ingest's writer).
    static func chainDigest(
        prev: ChainHash, seq: Int64, kind: String, stream: String, version: Int64, recordedAt: String,
        payload: ChainHash, meta: String?
    ) -> PayloadDigest {
        var (kind, stream, recordedAt) = (kind, stream, recordedAt)
        // Each field at most its bytes plus a 20-digit length and a colon; the hashes are 64 hex digits (or, damaged,
        // any text: counted as it is).
        let hexCount = prev.hexCount + payload.hexCount
        let textCount = kind.utf8.count + stream.utf8.count + recordedAt.utf8.count + (meta?.utf8.count ?? 1)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: hexCount + textCount + 8 * 22 + 2 * 21) {
            buffer in
            var input = ChainInput(buffer: buffer)
            prev.withHex { input.field($0) }
            input.field(decimal: seq)
            kind.withUTF8 { input.field(UnsafeRawBufferPointer($0)) }
            stream.withUTF8 { input.field(UnsafeRawBufferPointer($0)) }
            input.field(decimal: version)
            recordedAt.withUTF8 { input.field(UnsafeRawBufferPointer($0)) }
            payload.withHex { input.field($0) }
            if var meta {
                meta.withUTF8 { input.field(UnsafeRawBufferPointer($0)) }
            } else {
                input.byte(0x2D)  // "-" marks no meta
            }
            var hasher = SHA256()
            hasher.update(bufferPointer: input.written)
            return PayloadDigest(hasher.finalize())
        }
    }

    /// The chain input being written: each field as `<utf8 count>:<utf8 bytes>`.
    private struct ChainInput {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        var written: UnsafeRawBufferPointer { UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[..<count])) }

        /// `bytes` as `<count>:<bytes>`.
        mutating func field(_ bytes: UnsafeRawBufferPointer) {
            digits(UInt64(bytes.count))
            byte(UInt8(ascii: ":"))
            guard let source = bytes.baseAddress, !bytes.isEmpty, let target = buffer.baseAddress else { return }
            (target + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
            count += bytes.count
        }

        /// `value` in decimal as a field, as `field(String(value).utf8)` would add it.
        mutating func field(decimal value: Int64) {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { text in
                var start = EventHasher.writeDecimal(value.magnitude, endingAt: text.count, in: text)
                if value < 0 {
                    start -= 1
                    text[start] = UInt8(ascii: "-")
                }
                field(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[start...])))
            }
        }

        /// `value`'s decimal digits.
        mutating func digits(_ value: UInt64) {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { text in
                let start = EventHasher.writeDecimal(value, endingAt: text.count, in: text)
                for digit in text[start...] { byte(digit) }
            }
        }

        mutating func byte(_ value: UInt8) {
            buffer[count] = value
            count += 1
        }
    }

    /// Hex SHA-256 of canonical payload bytes.
    static func payloadHash(_ bytes: [UInt8]) -> String { HashFormat.hex(SHA256.hash(data: bytes)) }

    /// Writes `value`'s decimal digits right to left, ending before `end`; returns where they start.
    fileprivate static func writeDecimal(
        _ value: UInt64, endingAt end: Int, in buffer: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        var start = end
        var value = value
        repeat {
            start -= 1
            buffer[start] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        } while value > 0
        return start
    }
}
