/// Splits RFC 4180 CSV bytes into records: `,` separates fields, CRLF or LF ends a record, a
/// field may be quoted with `"` (then it may hold commas, line breaks and `""` for a quote).
///
/// Lenient where RFC 4180 is silent: a quote inside an unquoted field is kept as text; a lone CR
/// at the very end of the input ends the record. Strict where data would be lost: text after a
/// closing quote makes the record an error (the rest of its line is skipped), and an unclosed
/// quote makes the record an error and ends the input.
enum CSVParser {
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// The records in `bytes[start...]`, in order; line numbers count from 1 at `start`.
    static func records(in bytes: [UInt8], from start: Int) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var index = start
        var line = 1
        let end = bytes.count

        /// True when a line ends at `position` (LF, CRLF, or CR at the end of the input).
        func isLineEnd(_ position: Int) -> Bool {
            bytes[position] == lineFeed
                || (bytes[position] == carriageReturn && (position + 1 == end || bytes[position + 1] == lineFeed))
        }

        while index < end {
            let recordLine = line
            var fields: [[UInt8]] = []
            var quotedAny = false
            var failure: MatchingError?
            fieldLoop: while true {
                var field: [UInt8] = []
                if index < end, bytes[index] == quote {
                    quotedAny = true
                    index += 1
                    var closed = false
                    while index < end {
                        let byte = bytes[index]
                        if byte == quote {
                            if index + 1 < end, bytes[index + 1] == quote {
                                field.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if byte == lineFeed { line += 1 }
                        field.append(byte)
                        index += 1
                    }
                    guard closed else {
                        records.append(
                            CSVRecord(line: recordLine, fields: [], isBlank: false, error: .unterminatedQuote))
                        return records
                    }
                } else {
                    while index < end, bytes[index] != comma, !isLineEnd(index) {
                        field.append(bytes[index])
                        index += 1
                    }
                }
                fields.append(field)
                if index >= end { break fieldLoop }
                if bytes[index] == comma {
                    index += 1
                    continue fieldLoop
                }
                if isLineEnd(index) {
                    index += bytes[index] == carriageReturn && index + 1 < end ? 2 : 1
                    line += 1
                    break fieldLoop
                }
                failure = .textAfterClosingQuote
                while index < end, bytes[index] != lineFeed { index += 1 }
                if index < end {
                    index += 1
                    line += 1
                }
                break fieldLoop
            }
            let isBlank =
                !quotedAny && fields.count == 1
                && fields[0].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == carriageReturn }
            records.append(CSVRecord(line: recordLine, fields: fields, isBlank: isBlank, error: failure))
        }
        return records
    }
}
