#ifndef ADLEDGER_CZSTD_SHIM_H
#define ADLEDGER_CZSTD_SHIM_H
#include <zstd.h>
// ZDICT_trainFromBuffer_fastCover and its parameters (exported by libzstd, declared in zdict.h's static section).
#define ZDICT_STATIC_LINKING_ONLY
#include <zdict.h>
#endif
