#ifndef ADLEDGER_CZLIB_SHIM_H
#define ADLEDGER_CZLIB_SHIM_H
#include <zlib.h>
#endif
