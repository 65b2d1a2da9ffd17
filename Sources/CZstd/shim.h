#ifndef ADLEDGER_CZSTD_SHIM_H
#define ADLEDGER_CZSTD_SHIM_H
// ZSTD_c_format, ZSTD_d_format and ZSTD_getFrameHeader_advanced (exported by libzstd, declared in zstd.h's static
// section): frames written without their magic number (the `zstd-raw` payload encoding).
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>
// ZDICT_trainFromBuffer_fastCover and its parameters (exported by libzstd, declared in zdict.h's static section).
#define ZDICT_STATIC_LINKING_ONLY
#include <zdict.h>

/// Sets whether `context` writes frames without the 4-byte magic number.
static inline size_t adl_zstd_compress_magicless(ZSTD_CCtx *context, int magicless) {
    return ZSTD_CCtx_setParameter(
        context, ZSTD_c_format, magicless ? ZSTD_f_zstd1_magicless : ZSTD_f_zstd1);
}

/// Sets whether `context` reads frames without the 4-byte magic number.
static inline size_t adl_zstd_decompress_magicless(ZSTD_DCtx *context, int magicless) {
    return ZSTD_DCtx_setParameter(
        context, ZSTD_d_format, magicless ? ZSTD_f_zstd1_magicless : ZSTD_f_zstd1);
}

/// The content size a frame's header records, or ZSTD_CONTENTSIZE_ERROR when `source` does not start with a whole
/// zstd frame header (in the format `magicless` names) or records none.
static inline unsigned long long adl_zstd_content_size(const void *source, size_t size, int magicless) {
    ZSTD_frameHeader header;
    size_t result = ZSTD_getFrameHeader_advanced(
        &header, source, size, magicless ? ZSTD_f_zstd1_magicless : ZSTD_f_zstd1);
    if (result != 0 || header.frameType != ZSTD_frame || header.frameContentSize == ZSTD_CONTENTSIZE_UNKNOWN) {
        return ZSTD_CONTENTSIZE_ERROR;
    }
    return header.frameContentSize;
}
#endif
