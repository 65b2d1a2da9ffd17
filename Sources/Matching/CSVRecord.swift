/// One CSV record as read: the raw bytes of its fields, or why it could not be read.
struct CSVRecord {
    /// 1-based line on which the record starts.
    let line: Int
    /// The fields' bytes, quotes removed and `""` unescaped.
    let fields: [[UInt8]]
    /// True for a line with nothing but spaces, tabs or a stray CR (no quoted field).
    let isBlank: Bool
    /// Why the record is malformed, if it is.
    let error: MatchingError?
}
