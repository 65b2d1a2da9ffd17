/// How query results are printed.
public enum ResultFormat: String, Sendable, CaseIterable {
    case table, csv, json, markdown, line
}
