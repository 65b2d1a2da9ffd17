import Foundation

/// One JSON object on one line, keys sorted, for `--json` and `--format json`.
enum JSONOutput {
    /// `value` as JSON text; `snakeCaseKeys` converts camelCase property names (types without their own
    /// snake_case `CodingKeys`).
    static func text(_ value: some Encodable, snakeCaseKeys: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        if snakeCaseKeys { encoder.keyEncodingStrategy = .convertToSnakeCase }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
