import JSON
import Matching

/// What `CreativeFileReader` promises for any bytes: it never fails as a whole, every error and
/// record points at a real line, ids are canonical and unique, and every record it reads is read
/// back the same after being written out again, as CSV and as JSON lines.
enum CreativeListProperties {
    static func check(_ bytes: [UInt8]) throws(FuzzFailure) {
        func fail(_ property: String) -> FuzzFailure { FuzzFailure(.creatives, property) }
        let list = CreativeFileReader.read(bytes)
        let lines = bytes.count { $0 == 0x0A } + 1
        for error in list.errors {
            guard (1...lines).contains(error.line) else {
                throw fail("an error is on line \(error.line) of a \(lines)-line file")
            }
            guard !error.description.contains(where: \.isNewline) else { throw fail("an error message spans lines") }
        }
        guard list.errors.map(\.line) == list.errors.map(\.line).sorted() else {
            throw fail("errors are out of line order")
        }
        guard Set(list.records.map(\.id)).count == list.records.count else { throw fail("an id is read twice") }
        for record in list.records {
            guard (1...lines).contains(record.line) else {
                throw fail("a record is on line \(record.line) of a \(lines)-line file")
            }
            guard CreativeID.normalized(record.id) == record.id, record.shortId == String(record.id.prefix(8)) else {
                throw fail("record id \(record.id) / short id \(record.shortId) is not canonical")
            }
            guard !record.brand.isEmpty, !record.filename.isEmpty else { throw fail("a record lacks a brand or filename") }
            try checkRoundTrip(record, written: csv(record), format: "CSV")
            try checkRoundTrip(record, written: jsonLine(record), format: "JSON lines")
        }
    }

    static func checkRoundTrip(_ record: CreativeRecord, written: String, format: String) throws(FuzzFailure) {
        let again = CreativeFileReader.read(Array(written.utf8))
        guard again.errors.isEmpty, again.records.count == 1, again.records[0].hasSameContent(as: record) else {
            throw FuzzFailure(
                .creatives,
                "record of line \(record.line) written as \(format) reads back as \(again.records) \(again.errors)")
        }
    }

    /// The record's fields in the order they are written.
    static func fields(_ record: CreativeRecord) -> [(String, String)] {
        [
            ("id", record.id), ("brand", record.brand), ("filename", record.filename),
            ("concept", record.concept ?? ""), ("format", record.format ?? ""),
        ] + record.extra
    }

    /// RFC 4180 with every field quoted.
    static func csv(_ record: CreativeRecord) -> String {
        func quoted(_ text: String) -> String { "\"" + text.replacingUTF8("\"", with: "\"\"") + "\"" }
        let fields = fields(record)
        return fields.map { quoted($0.0) }.joined(separator: ",") + "\r\n"
            + fields.map { quoted($0.1) }.joined(separator: ",") + "\r\n"
    }

    /// One JSON object with the fields in record order (canonical JSON would sort them).
    static func jsonLine(_ record: CreativeRecord) -> String {
        func quoted(_ text: String) -> String { JSONValue.string(text).canonicalText }
        return "{" + fields(record).map { quoted($0.0) + ":" + quoted($0.1) }.joined(separator: ",") + "}\n"
    }
}
