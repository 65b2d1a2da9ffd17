import JSON

/// What an ingest or a page of a sync did.
public struct AppendCounts: Sendable, Equatable, Codable {
    public var rows = 0
    public var new = 0
    public var changed = 0
    public var unchanged = 0
    public var malformedValues = 0

    public init() {}

    package mutating func add(_ other: AppendCounts) {
        rows += other.rows
        new += other.new
        changed += other.changed
        unchanged += other.unchanged
        malformedValues += other.malformedValues
    }

    var json: JSONValue {
        .object([
            ("rows", .number(String(rows))), ("new", .number(String(new))), ("changed", .number(String(changed))),
            ("unchanged", .number(String(unchanged))), ("malformed_values", .number(String(malformedValues))),
        ])
    }
}
