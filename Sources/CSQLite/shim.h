#ifndef ADLEDGER_CSQLITE_SHIM_H
#define ADLEDGER_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro cast of -1 that Swift cannot import.
static inline sqlite3_destructor_type adl_sqlite_transient(void) { return SQLITE_TRANSIENT; }

/// sqlite3_db_config is variadic, which Swift cannot call: turns this connection's triggers on or off.
static inline int adl_sqlite_enable_triggers(sqlite3 *db, int on) {
    int now = 0;
    return sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, on, &now);
}
#endif
