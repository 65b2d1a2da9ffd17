/// Turns stored payload bodies back into their canonical JSON bytes, whatever their encoding.
final class PayloadDecoder {
    private unowned let connection: Connection
    private let dictionaries: PayloadDictionaries
    private let context: ZstdContext

    init(connection: Connection, dictionaries: PayloadDictionaries? = nil) throws(LedgerError) {
        self.connection = connection
        self.dictionaries = dictionaries ?? PayloadDictionaries(connection: connection)
        context = try ZstdContext()
    }

    /// The canonical JSON of event `seq`'s payload stored as `body` in `encoding`; throws `.corrupt` naming the
    /// seq when the encoding is unknown, its dictionary is missing or the bytes do not decompress.
    func canonicalBytes(encoding: String?, dictionaryId: Int64?, body: [UInt8], seq: Int64) throws(LedgerError)
        -> [UInt8]
    {
        let known = encoding.flatMap(PayloadEncoding.init(rawValue:))
        switch known {
        case .json:
            return body
        case .zstd, .zstdRaw:
            guard let dictionaryId, let dictionary = try dictionaries.dictionary(id: dictionaryId) else {
                throw .corrupt(
                    path: connection.path,
                    message: "event \(seq): the dictionary its payload was compressed with (\(dictionaryId.map(String.init) ?? "none")) is missing")
            }
            guard let bytes = dictionary.decompress(body, magicless: known?.isMagicless ?? false, in: context) else {
                throw .corrupt(path: connection.path, message: "event \(seq): its compressed payload is damaged")
            }
            return bytes
        case nil:
            throw .corrupt(
                path: connection.path, message: "event \(seq): its payload is in an unknown encoding \(encoding ?? "NULL")")
        }
    }
}

@available(*, unavailable)
extension PayloadDecoder: Sendable {}
