import Crypto

/// The ledger's zstd dictionaries, loaded on first use and kept for the connection's life (they are immutable).
final class PayloadDictionaries {
    private unowned let connection: Connection
    private var loaded: [Int64: ZstdDictionary] = [:]

    init(connection: Connection) { self.connection = connection }

    /// The dictionary with row id `id`; nil when the ledger has none by that id.
    func dictionary(id: Int64) throws(LedgerError) -> ZstdDictionary? {
        if let cached = loaded[id] { return cached }
        let rows = try connection.rows("SELECT kind, body FROM payload_dictionaries WHERE id = ?", [.integer(id)])
        guard let row = rows.first, let kind = row[0].text, case .blob(let body) = row[1] else { return nil }
        guard let dictionary = try? ZstdDictionary(id: id, kind: kind, body: body) else { return nil }
        loaded[id] = dictionary
        return dictionary
    }

    /// How many payloads dictionary `id` was trained on (0 when the ledger has none by that id).
    func samples(id: Int64) throws(LedgerError) -> Int {
        Int(try connection.scalar("SELECT samples FROM payload_dictionaries WHERE id = ?", [.integer(id)])?.integer ?? 0)
    }

    /// The newest dictionary of each kind, as the file holds them now.
    func newestByKind() throws(LedgerError) -> [String: Int64] {
        var newest: [String: Int64] = [:]
        for row in try connection.rows("SELECT kind, max(id) FROM payload_dictionaries GROUP BY kind") {
            if let kind = row[0].text, let id = row[1].integer { newest[kind] = id }
        }
        return newest
    }

    /// Forgets dictionaries a rolled-back transaction stored.
    func forget(above id: Int64) { loaded = loaded.filter { $0.key <= id } }

    /// Stores a trained dictionary for `kind` (content-addressed: the same bytes are stored once).
    func store(_ body: [UInt8], kind: String, samples: Int, at now: String) throws(LedgerError) -> ZstdDictionary {
        let hash = Array(SHA256.hash(data: body))
        try connection.prepare(
            """
            INSERT INTO payload_dictionaries(hash, kind, samples, trained_at, body) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(hash) DO NOTHING
            """
        ).run([.blob(hash), .text(kind), .integer(Int64(samples)), .text(now), .blob(body)])
        guard let id = try connection.scalar("SELECT id FROM payload_dictionaries WHERE hash = ?", [.blob(hash)])?.integer,
            let dictionary = try dictionary(id: id)
        else { throw .corrupt(path: connection.path, message: "a payload dictionary just stored cannot be read back") }
        return dictionary
    }
}

@available(*, unavailable)
extension PayloadDictionaries: Sendable {}
