/// A hash the chain covers (an event's chain hash, a payload's hash) as a ledger file holds it, read without hex
/// text: 32 bytes, or text that is no lowercase hex hash (only in a damaged file, which the chain then fails on).
///
/// Two values are equal exactly when their hex spellings are (the chain compares what hex-format files store as
/// text): a text that spells a hash is read as its digest, so a digest never equals a text.
enum ChainHash: Sendable, Equatable {
    case digest(PayloadDigest)
    case text(String)

    /// The hash before the first event: 64 zeros.
    static let genesis = ChainHash(hex: EventHasher.genesis)

    /// A hash spelled as text: its digest when it is 64 lowercase hex digits, else the text.
    init(hex: String) {
        if let digest = PayloadDigest(stored: .text(hex)) { self = .digest(digest) } else { self = .text(hex) }
    }

    /// A stored hash (32 raw bytes, or text); nil for anything else (what ``HashFormat/hex(_:)-(SQLValue)`` reads).
    init?(stored value: SQLValue) {
        switch value {
        case .text(let text): self.init(hex: text)
        case .blob(let bytes) where bytes.count == 32:
            guard let digest = PayloadDigest(stored: value) else { return nil }
            self = .digest(digest)
        default: return nil
        }
    }

    /// How many bytes ``withHex(_:)`` gives.
    var hexCount: Int {
        switch self {
        case .digest: 64
        case .text(let text): text.utf8.count
        }
    }

    /// Calls `body` with the hash's hex spelling (the chain's input), written in a stack buffer for a digest.
    func withHex<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch self {
        case .digest(let digest): return try digest.withHex(body)
        case .text(var text): return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        }
    }
}
