import JSON

extension JSONValue {
    /// Member `key`'s text (a string, or a number's lexeme) as a bound value; NULL when it is missing or not a scalar.
    func sqlText(_ key: String) -> SQLValue {
        self[key]?.scalarText.map(SQLValue.text) ?? .null
    }
}
