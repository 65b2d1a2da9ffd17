import Crypto

/// How a ledger file stores SHA-256 hashes (`ledger_format.hashes`). In memory and on screen a hash is always
/// 64 lowercase hex digits, which is also what the chain hash is computed over.
enum HashFormat: String, Sendable {
    /// 64-character hex text, as schema 2 wrote them; kept by upgraded ledgers until `compact`.
    case hex
    /// 32 raw bytes: ledgers created or compacted at schema 3 and later.
    case blob

    /// Reads the file's format; a file that predates the setting stores hex.
    static func read(from connection: Connection) throws(LedgerError) -> HashFormat {
        let value = try connection.scalar("SELECT value FROM ledger_format WHERE name = 'hashes'")?.text
        return value.flatMap(HashFormat.init(rawValue:)) ?? .hex
    }

    /// A hex hash as this format stores it.
    func value(_ hex: String) -> SQLValue {
        switch self {
        case .hex: return .text(hex)
        case .blob: return Self.bytes(hex).map(SQLValue.blob) ?? .text(hex)
        }
    }

    /// A stored hash as hex, whichever format wrote it; nil for anything else.
    static func hex(_ value: SQLValue) -> String? {
        switch value {
        case .text(let text): return text
        case .blob(let bytes) where bytes.count == 32: return hex(bytes)
        default: return nil
        }
    }

    /// A SHA-256 digest as 64 lowercase hex digits.
    static func hex(_ digest: SHA256.Digest) -> String { digest.withUnsafeBytes { hex($0) } }

    /// Bytes as lowercase hex digits, two per byte.
    static func hex(_ bytes: some Collection<UInt8>) -> String {
        String(unsafeUninitializedCapacity: 2 * bytes.count) { writeHex(bytes, into: $0) }
    }

    /// Writes `bytes` as lowercase hex digits at the start of `out` (which holds twice as many); returns how many.
    @discardableResult
    static func writeHex(_ bytes: some Sequence<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes {
            out[count] = digit(byte >> 4)
            out[count + 1] = digit(byte & 0x0F)
            count += 2
        }
        return count
    }

    /// The lowercase hex digit of a value below 16.
    private static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// 64 hex digits as 32 bytes; nil when `hex` is not that.
    static func bytes(_ hex: String) -> [UInt8]? {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var out = [UInt8](repeating: 0, count: 32)
        for index in 0..<32 {
            guard let high = nibble(utf8[2 * index]), let low = nibble(utf8[2 * index + 1]) else { return nil }
            out[index] = high << 4 | low
        }
        return out
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
