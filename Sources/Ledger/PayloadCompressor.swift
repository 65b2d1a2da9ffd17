/// Chooses how each new payload is stored: zstd with its kind's newest dictionary, or canonical JSON while a kind
/// has too few samples to train one. Trains a dictionary per kind once `minimumSamples` of its payloads are stored
/// uncompressed, reading them back from the file then (a sync holds no samples meanwhile: 1,680 insight rows were
/// 5 MB of its memory); once more when `trainingSamples` payloads have been compressed with a dictionary trained on
/// fewer, on the latest `trainingSamples` read back from the file and decompressed (on insight rows a dictionary
/// trained on 5,000 compresses 11% smaller than one trained on the first 500); and again on the `minimumSamples`
/// payloads that follow a check finding the ratio degraded.
///
/// A kind's first dictionary is trained at once (until it exists, its payloads are stored uncompressed). A later one
/// is trained on another thread while the kind's payloads go on being compressed with the dictionary it replaces,
/// and is stored and used from the next write transaction on (an ingest's files: the first to start once it is
/// trained, ``waitsForTrainings``): the writer, the thread an ingest waits on, does not wait for zstd (0.05–0.16 s
/// on 5,000 insight rows), and the rows the preparing threads compressed ahead with the transaction's dictionary are
/// not compressed again.
/// Used only inside write transactions; `startTransaction` re-reads what the file holds.
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
        /// Payloads of the kind stored uncompressed (no dictionary yet), at most `trainingSamples` counted.
        var waiting = 0
        var dictionaryId: Int64?
        /// How many payloads the dictionary was trained on, and how many were compressed with it since (by this
        /// connection): a dictionary trained on fewer than `trainingSamples` is trained again once that many were.
        var trainedOn = 0
        var sinceTraining = 0
        /// The last check found the ratio degraded: the payloads that follow are gathered here for a new
        /// dictionary (they are stored compressed, so the file cannot give them back as samples).
        var retraining = false
        var gathered = PayloadSamples()
        /// Payloads to wait before training again after zstd found too little to learn.
        var untilRetry = 0
        var trainedRatio = 1.0
        /// A dictionary being trained to replace the current one, stored by the next transaction.
        var pending: PendingTraining?
        /// Payloads compressed, and their sizes before and after, since the last check of the ratio.
        var count = 0
        var original = 0
        var compressed = 0

        mutating func resetRatio() { (count, original, compressed) = (0, 0, 0) }
    }

    /// A training on another thread, and what storing its dictionary needs.
    private struct PendingTraining {
        let task: BackgroundTask<[UInt8]?>
        let samples: PayloadSamples
        /// When the training started (the dictionary's `trained_at`).
        let startedAt: String
    }

    private let connection: Connection
    private let dictionaries: PayloadDictionaries
    private let context: ZstdContext
    private var kinds: [String: KindState] = [:]
    private var newest: [String: Int64] = [:]
    /// Reads compressed payloads back for a second training; made on first use.
    private var payloadDecoder: PayloadDecoder?

    init(connection: Connection, dictionaries: PayloadDictionaries) throws(LedgerError) {
        self.connection = connection
        self.dictionaries = dictionaries
        context = try ZstdContext()
    }

    /// Whether a transaction's start waits for a dictionary still being trained (true), or leaves it pending for a
    /// later transaction's (false): an ingest's files, where the writer waited for the second training (40–60 ms,
    /// the trainer then alone on the cores) at the start of the file after the one it started in.
    var waitsForTrainings = true

    /// Reads which dictionaries the file holds now (another process, or a rolled-back transaction, may have
    /// changed that since the last transaction).
    func startTransaction() throws(LedgerError) {
        let current = try dictionaries.newestByKind()
        guard current != newest else { return try storePendingDictionaries() }
        newest = current
        dictionaries.forget(above: current.values.max() ?? 0)
        for kind in Array(kinds.keys) where kinds[kind]?.dictionaryId != current[kind] {
            kinds[kind]?.dictionaryId = current[kind]
            kinds[kind]?.pending = nil  // trained to replace a dictionary that is no longer the newest
            kinds[kind]?.resetRatio()
            if let id = current[kind] {  // another writer trained one: nothing to gather for now
                kinds[kind]?.trainedOn = try dictionaries.samples(id: id)
                kinds[kind]?.sinceTraining = 0
                kinds[kind]?.retraining = false
                kinds[kind]?.gathered = PayloadSamples()
            } else {  // a rolled-back transaction's dictionary is gone: count what the file holds again
                kinds[kind]?.waiting = try PayloadSamples.storedCount(
                    kind: kind, limit: Self.trainingSamples, connection: connection)
            }
        }
        try storePendingDictionaries()
    }

    /// Waits for the trainings an earlier transaction started (those done, unless ``waitsForTrainings``) and stores
    /// their dictionaries in this one.
    private func storePendingDictionaries() throws(LedgerError) {
        for kind in Array(kinds.keys) {
            guard var state = kinds[kind], let pending = state.pending, waitsForTrainings || pending.task.isDone
            else { continue }
            state.pending = nil
            try adopt(&state, kind: kind, body: pending.task.wait(), samples: pending.samples, now: pending.startedAt)
            kinds[kind] = state
        }
    }

    /// The dictionary `kind`'s next payload would be compressed with as things stand (a training on the way may
    /// replace it), for compressing ahead on other threads; nil when the kind has none yet.
    func currentDictionary(kind: String) throws(LedgerError) -> ZstdDictionary? {
        guard let id = kinds[kind]?.dictionaryId ?? newest[kind] else { return nil }
        return try dictionaries.dictionary(id: id)
    }

    /// How to store `canonical`, a payload of `kind`: the encoding, its dictionary and the body. `ahead`: the
    /// payload compressed ahead with a dictionary, used when that is the dictionary chosen here (zstd gives the
    /// same bytes for the same input, dictionary and parameters).
    func encode(
        _ canonical: [UInt8], kind: String, now: String, ahead: (dictionaryId: Int64, body: [UInt8])? = nil
    ) throws(LedgerError)
        -> (encoding: PayloadEncoding, dictionaryId: Int64?, body: [UInt8])
    {
        // Taken out of the table while it changes, so gathering a sample never copies the gathered ones.
        var state: KindState
        if let taken = kinds.removeValue(forKey: kind) { state = taken } else { state = try self.state(of: kind) }
        defer { kinds[kind] = state }
        if state.dictionaryId == nil {
            state.waiting = min(state.waiting + 1, Self.trainingSamples)
            state.untilRetry = max(state.untilRetry - 1, 0)
            if state.waiting >= Self.minimumSamples && state.untilRetry == 0 {
                // The stored ones and this one, which is not stored yet.
                var samples = try PayloadSamples.stored(
                    kind: kind, limit: Self.trainingSamples - 1, reserving: canonical.count, connection: connection)
                samples.append(canonical)
                try train(&state, kind: kind, samples: samples, now: now)
            }
        } else if state.pending != nil {
            // A new dictionary is on its way: nothing to gather or check until it is stored.
        } else if state.retraining {
            state.gathered.append(canonical, limit: Self.trainingSamples)
            state.untilRetry = max(state.untilRetry - 1, 0)
            if state.gathered.count >= Self.minimumSamples && state.untilRetry == 0 {
                startTraining(&state, kind: kind, samples: state.gathered, now: now)
            }
        } else if state.trainedOn < Self.trainingSamples && state.sinceTraining >= Self.trainingSamples {
            var samples = try PayloadSamples.recent(
                kind: kind, limit: Self.trainingSamples - 1, reserving: canonical.count, decoder: try decoder(),
                connection: connection)
            samples.append(canonical)
            startTraining(&state, kind: kind, samples: samples, now: now)
        } else if state.count >= Self.checkInterval {
            let ratio = Double(state.compressed) / Double(max(state.original, 1))
            state.retraining = ratio > state.trainedRatio * Self.degradation
            state.resetRatio()
        }
        guard let id = state.dictionaryId else { return (.json, nil, canonical) }
        let compressed: [UInt8]?
        if let ahead, ahead.dictionaryId == id {
            compressed = ahead.body
        } else {
            compressed = try dictionaries.dictionary(id: id)?.compress(canonical, in: context)
        }
        guard let body = compressed else { return (.json, nil, canonical) }
        state.count += 1
        state.sinceTraining += 1
        state.original += canonical.count
        state.compressed += body.count
        return (.zstdRaw, id, body)
    }

    private func decoder() throws(LedgerError) -> PayloadDecoder {
        if let payloadDecoder { return payloadDecoder }
        let made = try PayloadDecoder(connection: connection, dictionaries: dictionaries)
        payloadDecoder = made
        return made
    }

    private func state(of kind: String) throws(LedgerError) -> KindState {
        var state = KindState()
        state.dictionaryId = newest[kind]
        if let id = state.dictionaryId {
            state.trainedOn = try dictionaries.samples(id: id)
        } else {
            // What earlier runs stored uncompressed counts too, so small runs add up to a dictionary.
            state.waiting = try PayloadSamples.storedCount(kind: kind, limit: Self.trainingSamples, connection: connection)
        }
        return state
    }

    /// Trains `kind`'s dictionary from `samples` (when zstd finds enough in them to learn).
    func prime(kind: String, samples: [[UInt8]], now: String) throws(LedgerError) {
        var state: KindState
        if let taken = kinds.removeValue(forKey: kind) { state = taken } else { state = try self.state(of: kind) }
        try train(&state, kind: kind, samples: PayloadSamples(samples, limit: Self.trainingSamples), now: now)
        kinds[kind] = state
    }

    private func train(_ state: inout KindState, kind: String, samples: PayloadSamples, now: String)
        throws(LedgerError)
    {
        try adopt(&state, kind: kind, body: ZstdDictionary.train(samples: samples), samples: samples, now: now)
    }

    /// Starts training a dictionary to replace the kind's current one on another thread (``storePendingDictionaries()``
    /// stores it).
    private func startTraining(_ state: inout KindState, kind: String, samples: PayloadSamples, now: String) {
        let task = BackgroundTask<[UInt8]?>(label: "adledger.train-dictionary", placeholder: nil) {
            ZstdDictionary.train(samples: samples)
        }
        state.pending = PendingTraining(task: task, samples: samples, startedAt: now)
    }

    /// Stores the dictionary trained on `samples` as the kind's newest, or, when zstd found too little to learn
    /// (`body` nil), looks again later.
    private func adopt(_ state: inout KindState, kind: String, body: [UInt8]?, samples: PayloadSamples, now: String)
        throws(LedgerError)
    {
        guard let body else {
            state.resetRatio()
            state.untilRetry = Self.minimumSamples  // too little to learn from yet: look again later
            state.sinceTraining = 0
            return
        }
        let dictionary = try dictionaries.store(body, kind: kind, samples: samples.count, at: now)
        var original = 0
        var compressed = 0
        samples.forEachLast(500) { sample in
            original += sample.count
            compressed += dictionary.compress(sample, in: context)?.count ?? sample.count
        }
        state.dictionaryId = dictionary.id
        state.trainedOn = samples.count
        state.sinceTraining = 0
        state.trainedRatio = original > 0 ? Double(compressed) / Double(original) : 1
        state.resetRatio()
        state.waiting = 0
        state.retraining = false
        state.gathered = PayloadSamples()
        newest[kind] = dictionary.id
    }
}

@available(*, unavailable)
extension PayloadCompressor: Sendable {}
