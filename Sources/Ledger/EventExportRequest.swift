/// What `export events` writes, from where, to where.
package struct EventExportRequest: Sendable {
    /// Where the lines go.
    package enum Destination: Sendable, Equatable {
        /// Standard output (not with a state file: it cannot be made durable before the cursor moves).
        case standardOutput
        /// One file, replaced atomically by each run.
        case file(String)
        /// A folder: each run adds one file named after the seqs it holds
        /// (`events-<kind|all>-<first>-<last>.ndjson[.gz]`), and none when there is nothing new.
        case directory(String)
    }

    /// Export the events after this seq (`--after-seq`); 0 exports from the start. Ignored with `statePath`.
    package var afterSeq: Int64 = 0
    /// The cursor file (`--state`): read for the starting seq, advanced after the output is durable.
    package var statePath: String?
    /// Only events of this kind.
    package var kind: EventKind?
    package var destination: Destination = .standardOutput
    /// Compress the output with gzip.
    package var gzip = false
    /// Events per progress report.
    package var progressEvery = 10_000

    package init() {}
}
