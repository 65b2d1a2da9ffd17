/// SQL keywords and SQLite functions offered by tab completion, in upper case.
enum SQLKeywords {
    static let all: [String] = [
        "ABS", "ALL", "AND", "AS", "ASC", "AVG", "BETWEEN", "BY", "CASE", "CAST", "COALESCE", "COLLATE", "COUNT",
        "CROSS", "CURRENT_DATE", "CURRENT_TIMESTAMP", "DATE", "DATETIME", "DESC", "DISTINCT", "ELSE", "END",
        "ESCAPE", "EXCEPT", "EXISTS", "EXPLAIN", "FALSE", "FILTER", "FIRST", "FROM", "FULL", "GLOB", "GROUP",
        "GROUP_CONCAT", "HAVING", "IFNULL", "IIF", "IN", "INNER", "INSTR", "INTERSECT", "IS", "ISNULL", "JOIN",
        "JSON_ARRAY", "JSON_EACH", "JSON_EXTRACT", "JSON_GROUP_ARRAY", "JSON_OBJECT", "JULIANDAY", "LAG", "LAST",
        "LEAD", "LEFT", "LENGTH", "LIKE", "LIMIT", "LOWER", "MATCH", "MATERIALIZED", "MAX", "MIN", "NATURAL",
        "NOT", "NOTNULL", "NULL", "NULLIF", "NULLS", "OFFSET", "ON", "OR", "ORDER", "OUTER", "OVER", "PARTITION",
        "PRAGMA", "PRINTF", "QUERY", "RANGE", "RANK", "RECURSIVE", "REGEXP", "REPLACE", "RIGHT", "ROUND",
        "ROW_NUMBER", "ROWS", "SELECT", "STRFTIME", "SUBSTR", "SUM", "THEN", "TOTAL", "TRIM", "TRUE", "UNION",
        "UNIXEPOCH", "UPPER", "USING", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH",
    ]

    /// Keywords after which only a table or view name makes sense.
    static let beforeTable: Set<String> = ["FROM", "JOIN", "INTO", "UPDATE", "TABLE"]
}
