/// What one `export events` run wrote.
package struct EventExportSummary: Sendable, Equatable, Encodable {
    /// Events written.
    package var events: Int
    /// The run exported the events after this seq …
    package var afterSeq: Int64
    /// … through this one (the log's last seq when the run started).
    package var throughSeq: Int64
    /// The file written; nil for standard output, or when a folder export had nothing new.
    package var file: String?
    /// Bytes of JSON lines written, before compression.
    package var bytes: Int64
}
