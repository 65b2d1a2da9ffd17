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
            guard let text = try? String(contentsOfFile: input, encoding: .utf8) else { return }
            for line in text.split(separator: "\n") {
                guard let value = try? JSONParser.parse(Array(line.utf8)) else { continue }
                try insert.run([.blob(value.canonicalBytes)])
                count += 1
            }
        }
        return count
    }
}
