/// What reading one input for a column found: nothing, something unreadable, or a value.
enum FieldLookup<Value> {
    /// The field (or, in an action list, every listed action type) is not in the row.
    case absent
    /// The input is present but cannot be read; the column is NULL and counted as malformed.
    case malformed
    /// The value read.
    case found(Value)

    /// The value, or nil when absent or malformed.
    var value: Value? {
        if case .found(let value) = self { return value }
        return nil
    }
}
