import JSON

/// Reads a list of creatives from the bytes of a CSV file with a header or a JSON lines file.
///
/// Decisions:
/// - a leading UTF-8 BOM is dropped; the input is JSON lines when its first non-blank character
///   is `{`, CSV otherwise;
/// - CSV follows RFC 4180 (see `CSVParser`); the first non-blank record is the header, whose
///   names are trimmed and compared case-insensitively; `id`, `brand` and `filename` are required,
///   `concept` and `format` optional, other columns go to `extra` in header order (a nameless
///   column is called `column<N>`); a header problem is reported on its line and nothing else is read;
/// - JSON lines: one object per non-blank line, keys as in CSV (trimmed, case-insensitive, a blank
///   key is called `column<N>` after its position in the object); strings as they are, numbers as
///   written, `true`/`false` as text, `null` as absent, nested arrays and objects as their JSON text;
/// - blank lines are skipped; `id`, `brand`, `filename`, `concept` and `format` are trimmed, and a
///   blank one counts as absent; `id` must be a canonical UUID (any case; stored lower case);
/// - `concept` and `format`, when absent, come from the filename's last path component if it
///   follows the current or the legacy scheme;
/// - a second record with an id seen before is dropped when its content is the same, and is an
///   error naming the first line otherwise;
/// - each error carries the line on which its record starts; reading never stops at a bad line,
///   except at an unclosed quote (the rest of the file is inside it).
public enum CreativeFileReader {
    /// The required fields, in the order they are checked.
    static let requiredFields = ["id", "brand", "filename"]
    /// Fields that are not `extra`.
    static let knownFields: Set<String> = ["id", "brand", "filename", "concept", "format"]

    /// Reads `bytes` (the whole file); never fails, bad lines are listed in `errors`.
    public static func read(_ bytes: some Sequence<UInt8>) -> CreativeList {
        let bytes = Array(bytes)
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let firstText = bytes[start...].first { !isBlankByte($0) }
        return firstText == UInt8(ascii: "{") ? readJSONLines(bytes, from: start) : readCSV(bytes, from: start)
    }

    static func isBlankByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Reads CSV with a header.
    static func readCSV(_ bytes: [UInt8], from start: Int) -> CreativeList {
        var collector = CreativeCollector()
        var header: [String]?
        for record in CSVParser.records(in: bytes, from: start) where !record.isBlank {
            if let error = record.error {
                collector.fail(record.line, error)
                if header == nil { break }
                continue
            }
            var texts: [String] = []
            for field in record.fields {
                guard let text = String(validating: field, as: UTF8.self) else { break }
                texts.append(text)
            }
            guard texts.count == record.fields.count else {
                collector.fail(record.line, .invalidUTF8)
                if header == nil { break }
                continue
            }
            guard let names = header else {
                do throws(MatchingError) {
                    header = try checkedHeader(texts)
                } catch {
                    collector.fail(record.line, error)
                    break
                }
                continue
            }
            guard texts.count == names.count else {
                collector.fail(record.line, .wrongColumnCount(expected: names.count, found: texts.count))
                continue
            }
            collector.add(line: record.line, Array(zip(names, texts.map { Optional($0) })))
        }
        return collector.list
    }

    /// The trimmed header names, or why the header cannot be used.
    static func checkedHeader(_ texts: [String]) throws(MatchingError) -> [String] {
        let names = texts.enumerated().map { index, text in
            let name = trimmed(text)
            return name.isEmpty ? "column\(index + 1)" : name
        }
        var seen: Set<String> = []
        for name in names where !seen.insert(name.lowercased()).inserted {
            throw .duplicateField(name)
        }
        let missing = requiredFields.filter { !seen.contains($0) }
        guard missing.isEmpty else { throw .missingColumns(missing) }
        return names
    }

    /// Reads JSON lines.
    static func readJSONLines(_ bytes: [UInt8], from start: Int) -> CreativeList {
        var collector = CreativeCollector()
        for (offset, rawLine) in bytes[start...].split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let line = offset + 1
            guard !rawLine.allSatisfy(isBlankByte) else { continue }
            let lineBytes = Array(rawLine.last == 0x0D ? rawLine.dropLast() : rawLine)
            guard String(validating: lineBytes, as: UTF8.self) != nil else {
                collector.fail(line, .invalidUTF8)
                continue
            }
            do throws(MatchingError) {
                let parsed: [(key: String, value: JSONMemberValue)]?
                do {
                    parsed = try JSONParser.members(ofObject: lineBytes)
                } catch {
                    throw .invalidJSON(error)
                }
                guard let parsed else { throw .notAJSONObject }
                let members = parsed.enumerated().map { index, member in
                    let name = trimmed(member.key)
                    return (name.isEmpty ? "column\(index + 1)" : name, text(of: member.value))
                }
                var seen: Set<String> = []
                for (name, _) in members where !seen.insert(name.lowercased()).inserted {
                    throw .duplicateField(name)
                }
                collector.add(line: line, members)
            } catch {
                collector.fail(line, error)
            }
        }
        return collector.list
    }

    /// A JSON lines value as text: a string its contents, a number its lexeme, `true`/`false` themselves,
    /// `null` nil, a nested array or object its JSON text as written.
    static func text(of value: JSONMemberValue) -> String? {
        switch value {
        case .scalar(.null): nil
        case .scalar(.bool(let flag)): flag ? "true" : "false"
        case .scalar(let scalar): scalar.scalarText
        case .nested(let text): text
        }
    }

    /// `text` without leading and trailing whitespace and line breaks.
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }

    /// Turns named values into a record, or says why they cannot be one.
    static func record(line: Int, _ pairs: [(String, String?)]) throws(MatchingError) -> CreativeRecord {
        var known: [String: String] = [:]
        var extra: [(String, String)] = []
        for (name, value) in pairs {
            let key = name.lowercased()
            if knownFields.contains(key) {
                if let value, case let text = trimmed(value), !text.isEmpty { known[key] = text }
            } else if let value {
                extra.append((name, value))
            }
        }
        for field in requiredFields where known[field] == nil {
            throw .missingField(field)
        }
        let rawId = known["id"] ?? ""
        let brand = known["brand"] ?? ""
        let filename = known["filename"] ?? ""
        let id = try CreativeID.validated(rawId)
        let lastComponent = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init)
        let parsed = lastComponent.flatMap(CreativeFilename.parse)
        return CreativeRecord(
            line: line, id: id, shortId: CreativeID.shortId(of: id), brand: brand, filename: filename,
            concept: known["concept"] ?? parsed?.concept, format: known["format"] ?? parsed?.format, extra: extra)
    }
}
