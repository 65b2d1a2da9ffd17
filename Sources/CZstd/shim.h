#ifndef ADLEDGER_CZSTD_SHIM_H
#define ADLEDGER_CZSTD_SHIM_H
#include <zstd.h>
#include <zdict.h>
#endif
