import JSON
import Normalization

/// The pure part of projecting an `insight.fetched` event: decompress, parse, upcast and normalize its payload (and,
/// for verify, decompress any payload). Sendable, so worker threads can share it; each brings its own `ZstdContext`.
struct InsightDecoder: Sendable {
    /// Every payload dictionary of the ledger, by row id.
    let dictionaries: [Int64: ZstdDictionary]
    /// The ledger's path, for error messages.
    let path: String

    /// Loads every dictionary of the ledger on `connection`.
    init(connection: Connection) throws(LedgerError) {
        var dictionaries: [Int64: ZstdDictionary] = [:]
        for row in try connection.rows("SELECT id, kind, body FROM payload_dictionaries") {
            guard let id = row[0].integer, let kind = row[1].text, case .blob(let body) = row[2] else { continue }
            // A dictionary that cannot be loaded is reported as missing by the event that needs it.
            dictionaries[id] = try? ZstdDictionary(id: id, kind: kind, body: body)
        }
        self.dictionaries = dictionaries
        path = connection.path
    }

    /// The event decoded as far as it can be without the replay's state (`DecodedInsight`); `runIds` reads its
    /// `meta` (one reader per worker, which remembers the last `meta`).
    func decode(_ event: RawInsightEvent, context: ZstdContext, runIds: inout RunIdReader) -> DecodedInsight {
        let canonical: [UInt8]
        switch canonicalBytes(
            encoding: event.encoding, dictionaryId: event.dictionaryId, body: event.body, seq: event.seq,
            context: context)
        {
        case .success(let bytes): canonical = bytes
        case .failure(let error): return .failed(error)
        }
        let parsed: JSONValue
        do {
            parsed = try EventReader.parsePayload(canonical, seq: event.seq, path: path)
        } catch {
            return .failed(error)
        }
        let payload = Upcaster.upcast(kind: .insightFetched, schemaVersion: event.schemaVersion, payload: parsed)
        guard let account = payload["account_id"]?.stringValue, let row = payload["row"] else { return .skipped }
        // No raw arrays: the projections store none (the payload, one seq away, holds them).
        let normalized = Normalizer.normalize(row, accountCurrency: nil, attribution: nil, rawArrays: false)
        guard let adId = normalized.metaAdId, let date = normalized.date else { return .skipped }
        // `ad:<id>:<date>` is a whole ad-day; a fourth `:` part names a breakdown part (as `Projector` reads it).
        let prefixLength = 3 + adId.utf8.count + 1 + date.utf8.count
        let part =
            event.stream.utf8.count > prefixLength + 1
            ? String(decoding: event.stream.utf8.dropFirst(prefixLength + 1), as: UTF8.self) : nil
        let runId = runIds.runId(of: event.meta)
        return .row(
            DecodedInsightRow(
                account: account, adId: adId, date: date, part: part,
                values: part == nil ? PerformanceColumns.values(of: normalized, accountId: account, brandId: nil) : [],
                currencyMissing: normalized.currency == nil, runId: runId,
                malformedCount: normalized.malformedColumns.count))
    }

    /// The canonical JSON of event `seq`'s payload stored as `body` in `encoding`, with the errors and messages of
    /// `PayloadDecoder`.
    func canonicalBytes(encoding: String?, dictionaryId: Int64?, body: [UInt8], seq: Int64, context: ZstdContext)
        -> Result<[UInt8], LedgerError>
    {
        switch encoding.flatMap(PayloadEncoding.init(rawValue:)) {
        case .json:
            return .success(body)
        case .zstd:
            guard let id = dictionaryId, let dictionary = dictionaries[id] else {
                return .failure(
                    .corrupt(
                        path: path,
                        message: "event \(seq): the dictionary its payload was compressed with (\(dictionaryId.map(String.init) ?? "none")) is missing"))
            }
            guard let bytes = dictionary.decompress(body, in: context) else {
                return .failure(.corrupt(path: path, message: "event \(seq): its compressed payload is damaged"))
            }
            return .success(bytes)
        case nil:
            return .failure(
                .corrupt(
                    path: path,
                    message: "event \(seq): its payload is in an unknown encoding \(encoding ?? "NULL")"))
        }
    }
}
