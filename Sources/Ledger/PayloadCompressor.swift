/// Chooses how each new payload is stored: zstd with its kind's newest dictionary, or canonical JSON while a kind
/// has too few samples to train one. Trains a dictionary per kind once `minimumSamples` exist and again when the
/// ratio degrades. Used only inside write transactions; `startTransaction` re-reads what the file holds.
final class PayloadCompressor {
    /// Payloads of a kind needed before a dictionary is trained for it.
    static let minimumSamples = 500
    /// Most payloads a dictionary is trained on (the most recent ones).
    static let trainingSamples = 5_000
    /// Payloads compressed between two checks of the ratio.
    static let checkInterval = 5_000
    /// Retrain when the compressed size grows past this multiple of the ratio measured at training.
    static let degradation = 1.5

    private struct KindState {
        var samples: [[UInt8]] = []
        var next = 0  // where the next sample goes once `samples` is full (a ring of the most recent)
        var dictionaryId: Int64?
        /// Payloads to wait before training again after zstd found too little to learn.
        var untilRetry = 0
        var trainedRatio = 1.0
        /// Payloads compressed, and their sizes before and after, since the last check of the ratio.
        var count = 0
        var original = 0
        var compressed = 0

        mutating func resetRatio() { (count, original, compressed) = (0, 0, 0) }
    }

    private let connection: Connection
    private let dictionaries: PayloadDictionaries
    private let context: ZstdContext
    private var kinds: [String: KindState] = [:]
    private var newest: [String: Int64] = [:]

    init(connection: Connection, dictionaries: PayloadDictionaries) throws(LedgerError) {
        self.connection = connection
        self.dictionaries = dictionaries
        context = try ZstdContext()
    }

    /// Reads which dictionaries the file holds now (another process, or a rolled-back transaction, may have
    /// changed that since the last transaction).
    func startTransaction() throws(LedgerError) {
        let current = try dictionaries.newestByKind()
        guard current != newest else { return }
        newest = current
        dictionaries.forget(above: current.values.max() ?? 0)
        for kind in Array(kinds.keys) where kinds[kind]?.dictionaryId != current[kind] {
            kinds[kind]?.dictionaryId = current[kind]
            kinds[kind]?.resetRatio()
        }
    }

    /// How to store `canonical`, a payload of `kind`: the encoding, its dictionary and the body.
    func encode(_ canonical: [UInt8], kind: String, now: String) throws(LedgerError)
        -> (encoding: PayloadEncoding, dictionaryId: Int64?, body: [UInt8])
    {
        // Taken out of the table while it changes, so appending a sample never copies the whole sample ring.
        var state: KindState
        if let taken = kinds.removeValue(forKey: kind) { state = taken } else { state = try self.state(of: kind) }
        defer { kinds[kind] = state }
        remember(canonical, in: &state)
        if state.dictionaryId == nil {
            state.untilRetry = max(state.untilRetry - 1, 0)
            if state.samples.count >= Self.minimumSamples && state.untilRetry == 0 {
                try train(&state, kind: kind, now: now)
            }
        } else if state.count >= Self.checkInterval {
            let ratio = Double(state.compressed) / Double(max(state.original, 1))
            if ratio > state.trainedRatio * Self.degradation {
                try train(&state, kind: kind, now: now)
            } else {
                state.resetRatio()
            }
        }
        guard let id = state.dictionaryId, let dictionary = try dictionaries.dictionary(id: id),
            let body = dictionary.compress(canonical, in: context)
        else { return (.json, nil, canonical) }
        state.count += 1
        state.original += canonical.count
        state.compressed += body.count
        return (.zstd, id, body)
    }

    private func remember(_ canonical: [UInt8], in state: inout KindState) {
        if state.samples.count < Self.trainingSamples {
            state.samples.append(canonical)
        } else {
            state.samples[state.next] = canonical
            state.next = (state.next + 1) % Self.trainingSamples
        }
    }

    private func state(of kind: String) throws(LedgerError) -> KindState {
        var state = KindState()
        state.dictionaryId = newest[kind]
        if state.dictionaryId == nil {
            // Seed from what earlier runs stored uncompressed, so small runs add up to a dictionary.
            let rows = try connection.rows(
                """
                SELECT p.body FROM events e JOIN payloads p ON p.hash = e.payload_hash
                WHERE e.kind = ? AND p.encoding = 'json' ORDER BY e.seq DESC LIMIT ?
                """, [.text(kind), .integer(Int64(Self.trainingSamples))])
            for row in rows.reversed() { if case .blob(let body) = row[0] { state.samples.append(body) } }
        }
        return state
    }

    /// Trains `kind`'s dictionary from `samples` (when zstd finds enough in them to learn).
    func prime(kind: String, samples: [[UInt8]], now: String) throws(LedgerError) {
        var state: KindState
        if let taken = kinds.removeValue(forKey: kind) { state = taken } else { state = try self.state(of: kind) }
        state.samples = Array(samples.suffix(Self.trainingSamples))
        state.next = 0
        try train(&state, kind: kind, now: now)
        kinds[kind] = state
    }

    private func train(_ state: inout KindState, kind: String, now: String) throws(LedgerError) {
        guard let body = ZstdDictionary.train(samples: state.samples) else {
            state.resetRatio()
            state.untilRetry = Self.minimumSamples  // too little to learn from yet: look again later
            return
        }
        let dictionary = try dictionaries.store(body, kind: kind, samples: state.samples.count, at: now)
        var original = 0
        var compressed = 0
        for sample in state.samples.suffix(500) {
            original += sample.count
            compressed += dictionary.compress(sample, in: context)?.count ?? sample.count
        }
        state.dictionaryId = dictionary.id
        state.trainedRatio = original > 0 ? Double(compressed) / Double(original) : 1
        state.resetRatio()
        newest[kind] = dictionary.id
    }
}

@available(*, unavailable)
extension PayloadCompressor: Sendable {}
