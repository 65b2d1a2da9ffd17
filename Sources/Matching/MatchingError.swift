import JSON

/// Why a `Matching` operation failed: a creative id or filename part that cannot be used, or a
/// line of a creative list that cannot be read.
///
/// Each `description` is one line: what failed; what to do.
public enum MatchingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The text is not a canonical `8-4-4-4-12` hexadecimal UUID.
    case invalidCreativeID(String)
    /// A filename part (`brand`, `concept`, `format` or `ext`) is empty.
    case emptyFilenamePart(part: String)
    /// A filename part holds a character other than an ASCII letter, digit or `_`.
    case invalidFilenamePart(part: String, value: String, character: Character)
    /// The CSV header lacks required columns (lower-case names, in the order `id`, `brand`, `filename`).
    case missingColumns([String])
    /// A CSV header column or a JSON key appears twice (compared case-insensitively).
    case duplicateField(String)
    /// A required field (`id`, `brand` or `filename`) is absent or blank.
    case missingField(String)
    /// A CSV record has a different number of fields than the header.
    case wrongColumnCount(expected: Int, found: Int)
    /// A quoted CSV field is never closed; everything after its opening quote was swallowed.
    case unterminatedQuote
    /// A closing quote in a CSV field is followed by something other than `,` or a line end.
    case textAfterClosingQuote
    /// The bytes of the record are not valid UTF-8.
    case invalidUTF8
    /// A JSON line is not valid JSON; the error says what and where.
    case invalidJSON(JSONError)
    /// A JSON line is valid JSON but not an object.
    case notAJSONObject
    /// The same creative id appears earlier in the file with different content.
    case duplicateID(String, firstLine: Int)

    /// One line: what failed; what to do.
    public var description: String {
        switch self {
        case .invalidCreativeID(let text):
            "invalid creative id \(MessageText.quoted(text)): expected a UUID like "
                + "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6; pass the creative's full id"
        case .emptyFilenamePart(let part):
            "the \(part) of a creative filename is empty; give a non-empty \(part)"
        case .invalidFilenamePart(let part, let value, let character):
            "invalid \(part) \(MessageText.quoted(value)): \(MessageText.quoted(String(character))) is not allowed; "
                + "use only ASCII letters, digits and _"
        case .missingColumns(let names):
            "the CSV header has no \(names.joined(separator: ", ")) column; "
                + "start the file with a header such as id,brand,filename,concept,format"
        case .duplicateField(let name):
            "the field \(MessageText.quoted(name)) appears twice; keep one of them"
        case .missingField(let name):
            "the required field \(name) is missing or blank; fill it in"
        case .wrongColumnCount(let expected, let found):
            "expected \(expected) fields as in the header but found \(found); "
                + "quote fields that contain commas or line breaks"
        case .unterminatedQuote:
            "a quoted field is never closed; add the closing \" (write a quote inside a field as \"\")"
        case .textAfterClosingQuote:
            "text follows a closing quote; quote the whole field and write a quote inside it as \"\""
        case .invalidUTF8:
            "the text is not valid UTF-8; save the file as UTF-8"
        case .invalidJSON(let error):
            "\(error); write one JSON object per line"
        case .notAJSONObject:
            "the line is JSON but not an object; write one object per line, e.g. {\"id\": …, \"brand\": …}"
        case .duplicateID(let id, let firstLine):
            "creative \(id) already appears on line \(firstLine) with different content; "
                + "keep one version of it"
        }
    }
}
