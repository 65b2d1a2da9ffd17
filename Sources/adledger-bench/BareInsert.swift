import Foundation
import JSON
import Ledger

/// The floor for ingest: parse, canonicalise and insert each row with one prepared statement.
enum BareInsert {
    static func run(input: String, into path: String) throws -> Int {
        let connection = try Connection(path: path, mode: .readWrite)
        try connection.execute("PRAGMA journal_mode = WAL; CREATE TABLE rows(id INTEGER PRIMARY KEY, body BLOB)")
        let insert = try connection.prepare("INSERT INTO rows(body) VALUES (?)")
        var count = 0
        try connection.transaction { () throws(LedgerError) in
            // Streamed in 1 MB chunks, like ingest, so memory stays flat.
            guard let handle = FileHandle(forReadingAtPath: input) else { return }
            defer { try? handle.close() }
            var pending: [UInt8] = []
            while true {
                let chunk = (try? handle.read(upToCount: 1 << 20)) ?? nil
                let atEnd = chunk?.isEmpty ?? true
                if let chunk { pending.append(contentsOf: chunk) }
                var start = 0
                while let end = pending[start...].firstIndex(of: 0x0A) ?? (atEnd && start < pending.count ? pending.count : nil) {
                    if let value = try? JSONParser.parse(Array(pending[start..<end])) {
                        try insert.run([.blob(value.canonicalBytes)])
                        count += 1
                    }
                    start = end + 1
                    if start >= pending.count { break }
                }
                pending.removeFirst(min(start, pending.count))
                if atEnd { break }
            }
        }
        return count
    }
}
