/// `--output FILE` could not be written.
struct ReportOutputError: Error, CustomStringConvertible {
    let path: String
    let reason: String

    var description: String { "cannot write \(path): \(reason); check that its directory exists and is writable" }
}
