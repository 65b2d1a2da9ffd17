import Foundation
import Ledger
import Normalization

/// The floor for ingest: parse, canonicalise and insert each row with one prepared statement.
enum BareInsert {
    static func run(input: String, into path: String) throws -> Int {
        let connection = try Connection(path: path, mode: .readWrite)
        try connection.execute("PRAGMA journal_mode = WAL; CREATE TABLE rows(id INTEGER PRIMARY KEY, body BLOB)")
        let insert = try connection.prepare("INSERT INTO rows(body) VALUES (?)")
        var count = 0
        try connection.transaction { () throws(LedgerError) in
            guard let data = FileManager.default.contents(atPath: input) else { return }
            let bytes = [UInt8](data)
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                if let value = try? JSONParser.parse(Array(bytes[start..<end])) {
                    try insert.run([.blob(value.canonicalBytes)])
                    count += 1
                }
                start = end + 1
            }
        }
        return count
    }
}
