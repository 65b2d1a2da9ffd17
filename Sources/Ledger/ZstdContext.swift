import CZstd

/// zstd's per-thread working state for compressing and decompressing. Non-Sendable: one per thread.
final class ZstdContext {
    let compression: OpaquePointer
    private let decompressionContext: OpaquePointer
    /// Whether `decompressionContext` is set to read frames without their magic number.
    private var readsMagicless = false

    init() throws(LedgerError) {
        guard let compression = ZSTD_createCCtx() else {
            throw .sqlite(code: 7, message: "out of memory creating a zstd context", sql: "")
        }
        guard let decompression = ZSTD_createDCtx() else {
            ZSTD_freeCCtx(compression)
            throw .sqlite(code: 7, message: "out of memory creating a zstd context", sql: "")
        }
        self.compression = compression
        decompressionContext = decompression
        // Frames are written in the `zstd-raw` encoding: each records its size and a checksum, so damaged bytes fail
        // to decompress rather than read as other JSON; the magic number and the dictionary's id are left out (the
        // payload row says both: its encoding and its dictionary_id).
        ZSTD_CCtx_setParameter(compression, ZSTD_c_checksumFlag, 1)
        ZSTD_CCtx_setParameter(compression, ZSTD_c_dictIDFlag, 0)
        adl_zstd_compress_magicless(compression, 1)
    }

    deinit {
        ZSTD_freeCCtx(compression)
        ZSTD_freeDCtx(decompressionContext)
    }

    /// The decompression context, set to read frames with their magic number (`zstd`) or without (`zstd-raw`);
    /// nil when zstd refuses the setting.
    func decompression(magicless: Bool) -> OpaquePointer? {
        if magicless != readsMagicless {
            guard ZSTD_isError(adl_zstd_decompress_magicless(decompressionContext, magicless ? 1 : 0)) == 0 else {
                return nil
            }
            readsMagicless = magicless
        }
        return decompressionContext
    }
}

@available(*, unavailable)
extension ZstdContext: Sendable {}
