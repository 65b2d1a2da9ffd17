import Foundation
import Crypto

extension Ledger {
    /// Re-walks the hash chain, re-hashes every payload, checks stream heads, and re-derives every
    /// projection from the log to compare with the live tables. Reads only.
    public func verify() throws(LedgerError) -> VerifyReport {
        var problems: [String] = []
        let check = try connection.rows("PRAGMA quick_check(3)").compactMap { $0.first?.text }
        if check != ["ok"] {
            // SQLite may put several findings, and a "*** in database main ***" header, in one row.
            let findings = check.flatMap { $0.split(separator: "\n") }.map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("*** in database") }
            return VerifyReport(
                events: 0, payloads: 0,
                problems: ["the SQLite file is damaged: \(findings.prefix(3).joined(separator: "; "))"])
        }
        // 1. The chain.
        var expectedSeq: Int64 = 1
        var previous = EventHasher.genesis
        let events = try connection.prepare(
            "SELECT seq, kind, stream, version, recorded_at, payload_hash, meta, prev_hash, hash FROM events ORDER BY seq")
        while try events.step() {
            let seq = events.value(at: 0).integer ?? -1
            let kind = events.text(at: 1) ?? ""
            let recomputed = EventHasher.chainHash(
                prevHash: previous, seq: seq, kind: kind, stream: events.text(at: 2) ?? "",
                version: events.value(at: 3).integer ?? -1, recordedAt: events.text(at: 4) ?? "",
                payloadHash: HashFormat.hex(events.value(at: 5)) ?? "", meta: events.text(at: 6))
            if seq != expectedSeq {
                problems.append("event seq \(seq) follows \(expectedSeq - 1): events are missing")
                break
            }
            if HashFormat.hex(events.value(at: 7)) != previous {
                problems.append("event seq \(seq): prev_hash does not match the hash of seq \(seq - 1)")
                break
            }
            if HashFormat.hex(events.value(at: 8)) != recomputed || EventKind(rawValue: kind) == nil {
                problems.append("event seq \(seq): its hash does not match its fields (the event was altered)")
                break
            }
            previous = recomputed
            expectedSeq += 1
        }
        let eventCount = expectedSeq - 1
        // 2. The payloads.
        var payloadCount: Int64 = 0
        let payloads = try connection.prepare("SELECT hash, encoding, dictionary_id, body FROM payloads ORDER BY id")
        let decoder = try PayloadDecoder(connection: connection)
        while try payloads.step() {
            payloadCount += 1
            let stored = payloads.value(at: 0)
            let hash = HashFormat.hex(stored) ?? ""
            let firstSeq = { () throws(LedgerError) -> String in
                let seq = try self.connection.scalar("SELECT min(seq) FROM events WHERE payload_hash = ?", [stored])?.integer
                return seq.map(String.init) ?? "?"
            }
            guard case .blob(let body) = payloads.value(at: 3) else {
                problems.append("event seq \(try firstSeq()): its payload \(hash.prefix(12))… has no body")
                break
            }
            let canonical: [UInt8]
            do {
                canonical = try decoder.canonicalBytes(
                    encoding: payloads.text(at: 1), dictionaryId: payloads.value(at: 2).integer, body: body, seq: 0)
            } catch {
                problems.append(
                    "event seq \(try firstSeq()): its payload \(hash.prefix(12))… cannot be read (\(payloads.text(at: 1) ?? "no encoding"), dictionary \(payloads.value(at: 2).integer.map(String.init) ?? "none") missing or bytes damaged)")
                break
            }
            guard EventHasher.payloadHash(canonical) == hash else {
                problems.append(
                    "event seq \(try firstSeq()): its payload \(hash.prefix(12))… does not match its hash (the payload was altered)")
                break
            }
        }
        if let missing = try connection.scalar(
            "SELECT min(e.seq) FROM events e WHERE NOT EXISTS (SELECT 1 FROM payloads p WHERE p.hash = e.payload_hash)")?
            .integer
        {
            problems.append("event seq \(missing): its payload is missing")
        }
        // 3. Stream heads.
        if let stream = try connection.scalar(
            """
            SELECT e.stream FROM events e LEFT JOIN stream_heads h ON h.stream = e.stream
            GROUP BY e.stream HAVING max(e.version) IS NOT max(h.version) LIMIT 1
            """)?.text
        {
            problems.append("stream \(stream): stream_heads does not match the log")
        }
        guard problems.isEmpty else { return VerifyReport(events: eventCount, payloads: payloadCount, problems: problems) }
        // 4. The projections, re-derived into temp tables and compared.
        let build = ProjectionBuild(connection: connection, tables: .temporary)
        try build.createTables()
        defer { try? AsOfView.remove(from: connection) }
        try build.project()
        // match_suggestions is refreshed when a command finishes; a command killed before that leaves it
        // behind the log, which the next write command repairs. That is not damage.
        let suggestionsStale = try suggestionsAreStale()
        for name in ProjectionTables.names where !(name == "match_suggestions" && suggestionsStale) {
            let diff = try ProjectionDiff.compare(name, fresh: .temporary, on: connection)
            if !diff.isEmpty {
                problems.append("projection \(diff.firstDifference ?? diff.summary); run `adledger rebuild`")
            }
        }
        return VerifyReport(events: eventCount, payloads: payloadCount, problems: problems)
    }
}
