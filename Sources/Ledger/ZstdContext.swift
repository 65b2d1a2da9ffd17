import CZstd

/// zstd's per-thread working state for compressing and decompressing. Non-Sendable: one per thread.
final class ZstdContext {
    let compression: OpaquePointer
    let decompression: OpaquePointer

    init() throws(LedgerError) {
        guard let compression = ZSTD_createCCtx() else {
            throw .sqlite(code: 7, message: "out of memory creating a zstd context", sql: "")
        }
        guard let decompression = ZSTD_createDCtx() else {
            ZSTD_freeCCtx(compression)
            throw .sqlite(code: 7, message: "out of memory creating a zstd context", sql: "")
        }
        self.compression = compression
        self.decompression = decompression
        // Each frame records its size and a checksum, so damaged bytes fail to decompress rather than read as other
        // JSON; the dictionary's id is left out (the payload row names it).
        ZSTD_CCtx_setParameter(compression, ZSTD_c_checksumFlag, 1)
        ZSTD_CCtx_setParameter(compression, ZSTD_c_dictIDFlag, 0)
    }

    deinit {
        ZSTD_freeCCtx(compression)
        ZSTD_freeDCtx(decompression)
    }
}

@available(*, unavailable)
extension ZstdContext: Sendable {}
