import Foundation

/// The uncompressed floor of issue 12, stored by the `sqlite3` shell with SQL alone: per file, one transaction of
/// a hash-unique payload per row (`sha3`), one event row per row, and a latest-row upsert; WAL, synchronous=FULL.
enum ShellFloor {
    /// Rows stored per second, or nil when no `sqlite3` with `sha3` and `readfile` is on the PATH.
    static func run(files: [String], rows: Int, into path: String) -> (rowsPerSecond: Double, seconds: Double)? {
        var script = """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
            CREATE TABLE payloads(id INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE, body TEXT NOT NULL);
            CREATE TABLE events(seq INTEGER PRIMARY KEY, stream TEXT NOT NULL, version INTEGER NOT NULL,
                payload_hash BLOB NOT NULL, UNIQUE(stream, version));
            CREATE TABLE latest(ad TEXT NOT NULL, date TEXT NOT NULL, spend REAL, impressions INTEGER,
                PRIMARY KEY(ad, date));

            """
        for file in files {
            let f = "readfile('\(file)')"
            script += """
                BEGIN;
                INSERT OR IGNORE INTO payloads(hash, body) SELECT sha3(value, 256), value FROM json_each(\(f), '$.data');
                INSERT INTO events(stream, version, payload_hash)
                    SELECT 'ad:' || (value ->> 'ad_id') || ':' || (value ->> 'date_start'), 1, sha3(value, 256)
                    FROM json_each(\(f), '$.data');
                INSERT OR REPLACE INTO latest SELECT value ->> 'ad_id', value ->> 'date_start', value ->> 'spend',
                    value ->> 'impressions' FROM json_each(\(f), '$.data');
                COMMIT;

                """
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-bail", path]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        guard (try? process.run()) != nil else { return nil }
        input.fileHandleForWriting.write(Data(script.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard process.terminationStatus == 0 else { return nil }
        return (Double(rows) / seconds, seconds)
    }
}
