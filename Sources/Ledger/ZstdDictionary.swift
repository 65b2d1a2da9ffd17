import CZstd

/// A trained zstd dictionary, digested once for compressing and once for decompressing.
///
/// Sendable: both digested forms are read-only after creation, and zstd documents sharing a `ZSTD_CDict` or
/// `ZSTD_DDict` between threads as safe (each thread brings its own context: `ZstdContext`).
final class ZstdDictionary: @unchecked Sendable {
    /// Compression level new payloads are written at. On insight rows with a dictionary trained on 5,000 of them
    /// (1,460-byte canonical JSON, 2,500 held out), in `zstd-raw` frames: level 3 gives 121 bytes at 2 µs a
    /// payload, 6 gives 110 at 12 µs, 9 gives 94 at 16 µs, 12 gives 91 at 15 µs (btlazy2: past level 11 the
    /// search gets no slower on payloads this small), 15 gives 91 at 120 µs. Decompressing takes about 1 µs at
    /// any of them. Payloads are compressed ahead on the ingest's preparing threads, off the writer, but those
    /// share two cores with it: on the 200k bench level 12 made a version 37 bytes smaller (990 vs 1,027 B all-in)
    /// and ingest 22 % slower (14.6 s vs 11.3 s, 3.1 s more CPU), against a bar that wants ingest twice as fast.
    /// Level 3 it is, until the writer leaves the preparing side idle time to spend.
    static let level: Int32 = 3
    /// Compression level a dictionary's training measures candidate dictionaries at, whatever `level` is: level 3's
    /// choice compresses payloads written at level 12 within 2% of level 12's choice, and trains 3.5× faster (0.17 s
    /// vs 0.6 s on 5,000 samples).
    static let trainingLevel: Int32 = 3

    /// The largest dictionary trained: 112 KiB, zstd's default. On insight rows it compresses payloads held out of
    /// the training 1–3 bytes smaller than 64 KiB did (116 vs 117 bytes at level 3), at the same speed.
    static let maximumSize = 112 << 10

    /// The row id in `payload_dictionaries`.
    let id: Int64
    /// The event kind whose payloads it was trained on.
    let kind: String
    private let compression: OpaquePointer
    private let decompression: OpaquePointer

    init(id: Int64, kind: String, body: [UInt8]) throws(LedgerError) {
        let digested: (OpaquePointer?, OpaquePointer?) = body.withUnsafeBytes { raw in
            (ZSTD_createCDict(raw.baseAddress, raw.count, Self.level), ZSTD_createDDict(raw.baseAddress, raw.count))
        }
        guard let compression = digested.0, let decompression = digested.1 else {
            ZSTD_freeCDict(digested.0)
            ZSTD_freeDDict(digested.1)
            throw .corrupt(path: "", message: "payload dictionary \(id) cannot be loaded")
        }
        self.id = id
        self.kind = kind
        self.compression = compression
        self.decompression = decompression
    }

    deinit {
        ZSTD_freeCDict(compression)
        ZSTD_freeDDict(decompression)
    }

    /// `bytes` compressed with this dictionary, as a frame of the `zstd-raw` encoding.
    func compress(_ bytes: [UInt8], in context: ZstdContext) -> [UInt8]? {
        guard ZSTD_isError(ZSTD_CCtx_refCDict(context.compression, compression)) == 0 else { return nil }
        let bound = ZSTD_compressBound(bytes.count)
        var failed = false
        // Written in place, not zeroed first: only the bytes zstd wrote become the array's.
        let out = [UInt8](unsafeUninitializedCapacity: bound) { target, count in
            let written = bytes.withUnsafeBytes { source in
                ZSTD_compress2(context.compression, target.baseAddress, bound, source.baseAddress, source.count)
            }
            failed = ZSTD_isError(written) != 0
            count = failed ? 0 : written
        }
        return failed ? nil : out
    }

    /// The bytes `body` was compressed from, or nil when `body` is not a frame made with this dictionary.
    /// `magicless`: the frame was written without its magic number (the `zstd-raw` encoding), not as a whole
    /// zstd frame (`zstd`).
    func decompress(_ body: [UInt8], magicless: Bool = false, in context: ZstdContext) -> [UInt8]? {
        let size = body.withUnsafeBytes { adl_zstd_content_size($0.baseAddress, $0.count, magicless ? 1 : 0) }
        // Canonical payloads are small; a frame claiming more than 64 MiB is damage, not data.
        guard size != ZSTD_CONTENTSIZE_ERROR, size <= 64 << 20,
            let reader = context.decompression(magicless: magicless)
        else { return nil }
        let capacity = Int(size)
        var out = [UInt8](repeating: 0, count: capacity)
        let written = out.withUnsafeMutableBytes { target in
            body.withUnsafeBytes { source in
                ZSTD_decompress_usingDDict(
                    reader, target.baseAddress, capacity, source.baseAddress, source.count, decompression)
            }
        }
        guard ZSTD_isError(written) == 0, written == capacity else { return nil }
        return out
    }

    /// A dictionary of at most `limit` bytes (and at most an eighth of the samples) trained on `samples`, or nil
    /// when zstd finds too little to learn.
    ///
    /// FastCover with a 2^16-entry frequency table (`f`, zstd's default is 2^20) and 8-byte d-mers, choosing the
    /// segment size among 4 candidates: about 2.5 MB of working memory above the samples instead of the ~12 MB of
    /// `ZDICT_trainFromBuffer`'s defaults (a sync trains while its pages arrive, issue 13), 3× faster, and
    /// dictionaries as good on insight rows (10.6× vs 10.5× on payloads held out of the training).
    static func train(samples: PayloadSamples, limit: Int = maximumSize) -> [UInt8]? {
        let capacity = min(limit, samples.bytes.count / 8)
        guard capacity >= 1 << 10 else { return nil }
        let sizes = samples.sizes
        var parameters = ZDICT_fastCover_params_t()
        parameters.d = 8
        parameters.f = 16
        parameters.steps = 4
        parameters.nbThreads = 1
        parameters.accel = 1
        parameters.zParams.compressionLevel = trainingLevel
        var dictionary = [UInt8](repeating: 0, count: capacity)
        let written = dictionary.withUnsafeMutableBytes { target in
            samples.bytes.withUnsafeBytes { source in
                ZDICT_optimizeTrainFromBuffer_fastCover(
                    target.baseAddress, capacity, source.baseAddress, sizes, UInt32(sizes.count), &parameters)
            }
        }
        guard ZDICT_isError(written) == 0, written > 0 else { return nil }
        dictionary.removeLast(capacity - written)
        return dictionary
    }
}
