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
    ///
    /// The payload is read straight from its canonical bytes (`fastPayload`) when the scanner is sure of them, else
    /// parsed into a tree (`treePayload`); both give the same result for any bytes the fast path accepts.
    func decode(_ event: RawInsightEvent, context: ZstdContext, runIds: inout RunIdReader) -> DecodedInsight {
        var hashMatches = false
        return decode(event, context: context, runIds: &runIds, hashMatches: &hashMatches)
    }

    /// The event decoded, and `hashMatches` set to whether the payload's canonical bytes hash to the event's
    /// `storedHash` (false when it has none, or they cannot be read).
    func decode(_ event: RawInsightEvent, context: ZstdContext, runIds: inout RunIdReader, hashMatches: inout Bool)
        -> DecodedInsight
    {
        let canonical: [UInt8]
        switch canonicalBytes(
            encoding: event.encoding, dictionaryId: event.dictionaryId, body: event.body, seq: event.seq,
            context: context)
        {
        case .success(let bytes): canonical = bytes
        case .failure(let error): return .failed(error)
        }
        if let stored = event.storedHash {
            hashMatches = canonical.withUnsafeBytes { PayloadDigest(of: $0) } == stored
        }
        let payload: InsightPayload
        if let fast = fastPayload(canonical, schemaVersion: event.schemaVersion) {
            payload = fast
        } else {
            switch treePayload(canonical, seq: event.seq, schemaVersion: event.schemaVersion) {
            case .success(let read): payload = read
            case .failure(let error): return .failed(error)
            }
        }
        return decoded(payload, event: event, runIds: &runIds)
    }

    /// What a payload holds for the projection: its `account_id` (when a string) and its row normalized with no
    /// account currency, no attribution and no raw arrays (nil when the payload has no `row`).
    struct InsightPayload: Equatable {
        let account: String?
        let row: NormalizedInsight?
    }

    /// The payload read from its canonical bytes with no tree (see `Normalizer.normalize(canonical:…)`); nil when
    /// the bytes are not certainly canonical JSON of an object, or an upcast step applies to `schemaVersion`.
    func fastPayload(_ canonical: [UInt8], schemaVersion: Int) -> InsightPayload? {
        guard schemaVersion >= Upcaster.currentVersion(of: .insightFetched) else { return nil }
        return Self.readPayload(canonical, accountCurrency: nil, attribution: nil)
    }

    /// A current-schema payload's `account_id` (when a string) and its row normalized for `accountCurrency` and
    /// `attribution`, read from its canonical bytes with no tree; nil when the bytes are not certainly canonical JSON
    /// of an object (the caller parses them). Ingest normalizes the rows it read as bytes through it too. `known`: the
    /// bytes are known to be canonical (``CanonicalScanner/init(_:known:)``).
    static func readPayload(
        _ canonical: [UInt8], accountCurrency: String?, attribution: String?, known: Bool = false
    ) -> InsightPayload? {
        canonical.withUnsafeBufferPointer { buffer -> InsightPayload? in
            var scanner = CanonicalScanner(buffer, known: known)
            guard scanner.enterObject() else { return nil }
            var account: String?
            var row: NormalizedInsight?
            var cursor = CanonicalScanner.ObjectCursor()
            while true {
                guard let step = scanner.nextKey(&cursor) else { return nil }
                guard case .key(let key) = step else { break }
                if CanonicalScanner.equal(key, "account_id") {
                    guard let value = scanner.readScalarOrPlaceholder() else { return nil }
                    account = value.stringValue
                } else if CanonicalScanner.equal(key, "row") {
                    guard
                        let normalized = Normalizer.normalize(
                            canonical: &scanner, accountCurrency: accountCurrency, attribution: attribution)
                    else { return nil }
                    row = normalized
                } else {
                    guard scanner.skipValue() else { return nil }
                }
            }
            guard scanner.isAtEnd else { return nil }
            return InsightPayload(account: account, row: row)
        }
    }

    /// The payload parsed into a tree, upcast and normalized: the general route, and the one that names the damage
    /// of a payload that is not JSON.
    func treePayload(_ canonical: [UInt8], seq: Int64, schemaVersion: Int) -> Result<InsightPayload, LedgerError> {
        let parsed: JSONValue
        do {
            parsed = try EventReader.parsePayload(canonical, seq: seq, path: path)
        } catch {
            return .failure(error)
        }
        let payload = Upcaster.upcast(kind: .insightFetched, schemaVersion: schemaVersion, payload: parsed)
        // No raw arrays: the projections store none (the payload, one seq away, holds them).
        return .success(
            InsightPayload(
                account: payload["account_id"]?.stringValue,
                row: payload["row"].map {
                    Normalizer.normalize($0, accountCurrency: nil, attribution: nil, rawArrays: false)
                }))
    }

    /// The decoded event of a read payload.
    private func decoded(_ payload: InsightPayload, event: RawInsightEvent, runIds: inout RunIdReader)
        -> DecodedInsight
    {
        guard let account = payload.account, let normalized = payload.row else { return .skipped }
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
        let known = encoding.flatMap(PayloadEncoding.init(rawValue:))
        switch known {
        case .json:
            return .success(body)
        case .zstd, .zstdRaw:
            guard let id = dictionaryId, let dictionary = dictionaries[id] else {
                return .failure(
                    .corrupt(
                        path: path,
                        message: "event \(seq): the dictionary its payload was compressed with (\(dictionaryId.map(String.init) ?? "none")) is missing"))
            }
            guard let bytes = dictionary.decompress(body, magicless: known?.isMagicless ?? false, in: context) else {
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
