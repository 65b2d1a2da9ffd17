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
/// sqlite3_config is variadic: turns off SQLite's count of the memory it allocates (SQLITE_CONFIG_MEMSTATUS), which
/// takes a process-wide mutex on every allocation and free. Nothing here reads the count (sqlite3_memory_used, a
/// soft heap limit). Only takes effect before SQLite initialises, that is before the first connection opens.
static inline int adl_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
