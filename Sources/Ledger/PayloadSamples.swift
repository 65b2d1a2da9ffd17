/// Payloads a zstd dictionary is trained on, kept end to end in one buffer with their sizes: the layout
/// `ZDICT_*` reads, so training copies nothing, and a sample costs its bytes and one `Int`, not an array each.
struct PayloadSamples {
    /// Every sample's bytes, oldest first.
    private(set) var bytes: [UInt8] = []
    /// Each sample's length, in order.
    private(set) var sizes: [Int] = []

    var count: Int { sizes.count }
    var isEmpty: Bool { sizes.isEmpty }

    init() {}

    /// The last `limit` of `samples`.
    init(_ samples: [[UInt8]], limit: Int) {
        for sample in samples.suffix(limit) { append(sample) }
    }

    /// Adds `sample` as the newest; when `limit` are held already, the oldest goes first.
    mutating func append(_ sample: [UInt8], limit: Int = .max) {
        if sizes.count >= limit, let oldest = sizes.first {
            bytes.removeFirst(oldest)
            sizes.removeFirst()
        }
        bytes += sample
        sizes.append(sample.count)
    }

    /// Adds the bytes of `sample` as the newest.
    mutating func append(contentsOf sample: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: sample)
        sizes.append(sample.count)
    }

    /// Calls `body` with each of the last `limit` samples, oldest first.
    func forEachLast(_ limit: Int, _ body: ([UInt8]) -> Void) {
        var start = bytes.count - sizes.suffix(limit).reduce(0, +)
        for size in sizes.suffix(limit) {
            body(Array(bytes[start..<start + size]))
            start += size
        }
    }

    /// Reads the last `limit` payloads of `kind` the file holds uncompressed (this transaction's included),
    /// oldest first: the samples of a kind's first dictionary, read when it is trained rather than held meanwhile.
    /// Room is reserved for `extra` more bytes in one more sample.
    static func stored(kind: String, limit: Int, reserving extra: Int = 0, connection: Connection) throws(LedgerError)
        -> PayloadSamples
    {
        let latest = """
            SELECT e.seq, p.body FROM event_log e JOIN payloads p ON p.id = e.payload_id
            WHERE \(EventKindIndex.matching("e", kind: kind)) AND p.encoding = 'json'
            ORDER BY e.seq DESC LIMIT ?
            """
        let parameters: [SQLValue] = [.integer(Int64(limit))]
        // The buffer is sized once: grown by doubling, it would hold up to twice the samples' bytes, and old and
        // new copies at once while growing (during a sync, the peak of its memory).
        let total = try connection.scalar("SELECT sum(length(body)) FROM (\(latest))", parameters)?.integer ?? 0
        let statement = try connection.prepare("SELECT body FROM (\(latest)) ORDER BY seq")
        try statement.bind(parameters)
        var samples = PayloadSamples()
        samples.bytes.reserveCapacity(Int(total) + extra)
        samples.sizes.reserveCapacity(limit + 1)
        while try statement.step() {
            statement.withBytes(at: 0) { samples.append(contentsOf: $0) }
        }
        return samples
    }

    /// Reads the payloads of the last `limit` events of `kind` the file holds (this transaction's included), in any
    /// encoding, decoded to their canonical JSON, oldest first: the samples of a kind's second dictionary. Room is
    /// reserved for `extra` more bytes in one more sample, and for `limit` samples about that size.
    static func recent(
        kind: String, limit: Int, reserving extra: Int = 0, decoder: PayloadDecoder, connection: Connection
    ) throws(LedgerError) -> PayloadSamples {
        let statement = try connection.prepare(
            """
            SELECT seq, encoding, dictionary_id, body FROM (
                SELECT e.seq, p.encoding, p.dictionary_id, p.body FROM event_log e JOIN payloads p ON p.id = e.payload_id
                WHERE \(EventKindIndex.matching("e", kind: kind)) ORDER BY e.seq DESC LIMIT ?
            ) ORDER BY seq
            """)
        try statement.bind([.integer(Int64(limit))])
        var samples = PayloadSamples()
        samples.bytes.reserveCapacity((limit + 1) * (extra + extra / 8))
        samples.sizes.reserveCapacity(limit + 1)
        while try statement.step() {
            let seq = statement.value(at: 0).integer ?? 0
            guard case .blob(let body) = statement.value(at: 3) else {
                throw .corrupt(path: connection.path, message: "event \(seq): its payload has no body")
            }
            samples.append(
                try decoder.canonicalBytes(
                    encoding: statement.text(at: 1), dictionaryId: statement.value(at: 2).integer, body: body, seq: seq))
        }
        return samples
    }

    /// How many of the last `limit` events of `kind` have an uncompressed payload.
    static func storedCount(kind: String, limit: Int, connection: Connection) throws(LedgerError) -> Int {
        let count = try connection.scalar(
            """
            SELECT count(*) FROM (
                SELECT 1 FROM event_log e JOIN payloads p ON p.id = e.payload_id
                WHERE \(EventKindIndex.matching("e", kind: kind)) AND p.encoding = 'json' LIMIT ?
            )
            """, [.integer(Int64(limit))])
        return Int(count?.integer ?? 0)
    }
}
