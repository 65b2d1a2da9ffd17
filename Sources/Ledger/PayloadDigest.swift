import Crypto

/// A SHA-256 held as 32 bytes (a payload's hash, or an event's chain hash): what the append path and verify compare
/// and store without hex round trips.
struct PayloadDigest: Hashable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// The digest of canonical payload bytes.
    init(of canonical: UnsafeRawBufferPointer) {
        var hasher = SHA256()
        hasher.update(bufferPointer: canonical)
        self.init(hasher.finalize())
    }

    init(_ digest: SHA256.Digest) {
        words = (0, 0, 0, 0)
        digest.withUnsafeBytes { source in
            withUnsafeMutableBytes(of: &words) { target in target.copyMemory(from: source) }
        }
    }

    /// A hash as a file stores it (32 raw bytes, or 64 hex digits); nil for anything else.
    init?(stored value: SQLValue) {
        switch value {
        case .blob(let bytes) where bytes.count == 32: self.init(bytes: bytes)
        case .text(let hex):
            guard let bytes = HashFormat.bytes(hex) else { return nil }
            self.init(bytes: bytes)
        default: return nil
        }
    }

    /// All 32 bytes zero: a placeholder where a digest is still to come.
    static let zero = PayloadDigest(bytes: [UInt8](repeating: 0, count: 32))

    private init(bytes: [UInt8]) {
        words = (0, 0, 0, 0)
        bytes.withUnsafeBytes { source in
            withUnsafeMutableBytes(of: &words) { target in target.copyMemory(from: source) }
        }
    }

    static func == (a: PayloadDigest, b: PayloadDigest) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
    }

    /// Calls `body` with the 32 bytes.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBytes(of: words, body)
    }

    /// 64 lowercase hex digits, as the chain hash covers and screens show.
    var hex: String { withBytes { HashFormat.hex($0) } }

    /// Calls `body` with the 64 lowercase hex digits, written in a stack buffer.
    func withHex<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withBytes { bytes in
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { hex in
                HashFormat.writeHex(bytes, into: hex)
                return try body(UnsafeRawBufferPointer(hex))
            }
        }
    }

    /// The digest as `format` stores it.
    func value(_ format: HashFormat) -> SQLValue {
        switch format {
        case .hex: .text(hex)
        case .blob: .blob(withBytes { Array($0) })
        }
    }
}
