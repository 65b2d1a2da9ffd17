/// What verify's payload walk found of one stored payload.
enum PayloadVerdict: Sendable {
    case matches
    case noBody
    /// Its encoding is unknown, its dictionary is missing or its bytes do not decompress.
    case unreadable
    /// Its canonical bytes do not hash to its hash.
    case altered
}
