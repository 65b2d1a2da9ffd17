import Crypto

/// A payload's SHA-256, held as 32 bytes: what the append path compares and stores without hex round trips.
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

    /// The digest as `format` stores it.
    func value(_ format: HashFormat) -> SQLValue {
        switch format {
        case .hex: .text(hex)
        case .blob: .blob(withBytes { Array($0) })
        }
    }
}
