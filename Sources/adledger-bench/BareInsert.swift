import Foundation
import JSON
import Ledger

/// The bench's own ingest floor: parse, canonicalise and insert each row with one prepared statement, one
/// transaction per file (no hashing, no chain, no projections).
enum BareInsert {
    static func run(files: [String], into path: String) throws -> Int {
        let connection = try Connection(path: path, mode: .readWrite)
        try connection.execute("PRAGMA journal_mode = WAL; CREATE TABLE rows(id INTEGER PRIMARY KEY, body BLOB)")
        let insert = try connection.prepare("INSERT INTO rows(body) VALUES (?)")
        var count = 0
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            guard case .array(let rows)? = try JSONParser.parse(bytes)["data"] else { continue }
            try connection.transaction { () throws(LedgerError) in
                for row in rows {
                    try insert.run([.blob(row.canonicalBytes)])
                    count += 1
                }
            }
        }
        return count
    }
}
