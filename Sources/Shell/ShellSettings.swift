/// What dot-commands change: how results look and how scripts behave.
struct ShellSettings {
    var mode = ResultFormat.table
    var headers = true
    var timer = false
    /// The text for NULL set by `.nullvalue`; nil uses the mode's default (``defaultNull(for:)``).
    var nullValue: String?
    /// Stop a script at its first error.
    var bail: Bool
    /// Page results taller than the screen (when there is a pager and a terminal).
    var pager = true
    /// Values bound as `:NAME`, by name without the colon.
    var parameters: [String: String] = [:]
    /// The time `.asof` set, as the user typed it; nil for "now".
    var asOf: String?

    /// NULL as `NULL` where a reader must tell it from an empty string, empty in CSV.
    static func defaultNull(for mode: ResultFormat) -> String {
        mode == .csv ? "" : "NULL"
    }

    /// The text NULL is shown as now.
    var effectiveNullValue: String { nullValue ?? Self.defaultNull(for: mode) }
}
