/// Verify's second step: decodes and re-hashes every stored payload in id order, on every core a batch ahead of
/// the walk, which reports the first payload that fails as hashing one after another would.
struct PayloadWalk {
    static let batchSize = 2_048

    let connection: Connection
    /// Payloads already known to hash right (`LogAudit`): counted, not read again.
    var confirmed = PayloadIdSet()

    /// How many payloads were read up to and including the first that fails, and the problem it has.
    func run() throws(LedgerError) -> (payloads: Int64, problem: String?) {
        let payloads = try connection.prepare(
            "SELECT id, hash, encoding, dictionary_id, body FROM payloads ORDER BY id")
        // Confirmed payloads passed over since the last row read, and after the last.
        var passedOver: Int64 = 0
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
                while try payloads.step() {
                    // Only the id of a confirmed row is read: its body stays on its page.
                    let id = payloads.value(at: 0).integer ?? 0
                    if confirmed.contains(id) {
                        passedOver += 1
                        continue
                    }
                    let body: [UInt8]?
                    if case .blob(let bytes) = payloads.value(at: 4) { body = bytes } else { body = nil }
                    defer { passedOver = 0 }
                    return PayloadRow(
                        id: id, storedHash: payloads.value(at: 1), encoding: payloads.text(at: 2),
                        dictionaryId: payloads.value(at: 3).integer, body: body, confirmedBefore: passedOver)
                }
                return nil
            },
            consume: { (row, verdict) throws(LedgerError) -> Bool in
                count += row.confirmedBefore + 1
                problem = try self.problem(verdict, row: row)
                return problem == nil
            })
        return (problem == nil ? count + passedOver : count, problem)
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
            // A scan of the log (no index on payload_id), only for a damaged payload.
            let seq = try connection.scalar(
                "SELECT min(seq) FROM event_log WHERE payload_id = ?", [.integer(row.id)])?.integer
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
