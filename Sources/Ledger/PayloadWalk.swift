/// Verify's second step: decodes and re-hashes every stored payload in id order, on every core a batch ahead of
/// the walk, which reports the first payload that fails as hashing one after another would.
struct PayloadWalk {
    static let batchSize = 2_048

    let connection: Connection

    /// How many payloads were read up to and including the first that fails, and the problem it has.
    func run() throws(LedgerError) -> (payloads: Int64, problem: String?) {
        let payloads = try connection.prepare("SELECT hash, encoding, dictionary_id, body FROM payloads ORDER BY id")
        let decoder = try InsightDecoder(connection: connection)
        var count: Int64 = 0
        var problem: String?
        let pipeline = BatchPipeline<PayloadRow, PayloadVerdict>(
            batchSize: Self.batchSize, label: "adledger.verify-payloads", placeholder: .matches,
            transform: { rows in
                guard let context = try? ZstdContext() else { return rows.map { _ in .unreadable } }
                return rows.map { Self.verdict($0, decoder: decoder, context: context) }
            })
        try pipeline.run(
            read: { () throws(LedgerError) -> PayloadRow? in
                guard try payloads.step() else { return nil }
                let body: [UInt8]?
                if case .blob(let bytes) = payloads.value(at: 3) { body = bytes } else { body = nil }
                return PayloadRow(
                    storedHash: payloads.value(at: 0), encoding: payloads.text(at: 1),
                    dictionaryId: payloads.value(at: 2).integer, body: body)
            },
            consume: { (row, verdict) throws(LedgerError) -> Bool in
                count += 1
                problem = try self.problem(verdict, row: row)
                return problem == nil
            })
        return (count, problem)
    }

    static func verdict(_ row: PayloadRow, decoder: InsightDecoder, context: ZstdContext) -> PayloadVerdict {
        guard let body = row.body else { return .noBody }
        guard
            case .success(let canonical) = decoder.canonicalBytes(
                encoding: row.encoding, dictionaryId: row.dictionaryId, body: body, seq: 0, context: context)
        else { return .unreadable }
        // A stored hash that is no hash (wrong length, not lowercase hex) matches nothing.
        let computed = canonical.withUnsafeBytes { PayloadDigest(of: $0) }
        return PayloadDigest(stored: row.storedHash) == computed ? .matches : .altered
    }

    /// The problem a verdict names, with the first event that uses the payload.
    private func problem(_ verdict: PayloadVerdict, row: PayloadRow) throws(LedgerError) -> String? {
        if case .matches = verdict { return nil }
        let hash = HashFormat.hex(row.storedHash) ?? ""
        let firstSeq = { () throws(LedgerError) -> String in
            let seq = try connection.scalar(
                """
                SELECT min(e.seq) FROM event_log e JOIN payloads p ON p.id = e.payload_id
                WHERE substr(p.hash, 1, 8) = substr(?1, 1, 8) AND +p.hash = ?1
                """,
                [row.storedHash])?.integer
            return seq.map(String.init) ?? "?"
        }
        switch verdict {
        case .matches:
            return nil
        case .noBody:
            return "event seq \(try firstSeq()): its payload \(hash.prefix(12))… has no body"
        case .unreadable:
            return
                "event seq \(try firstSeq()): its payload \(hash.prefix(12))… cannot be read (\(row.encoding ?? "no encoding"), dictionary \(row.dictionaryId.map(String.init) ?? "none") missing or bytes damaged)"
        case .altered:
            return
                "event seq \(try firstSeq()): its payload \(hash.prefix(12))… does not match its hash (the payload was altered)"
        }
    }
}
