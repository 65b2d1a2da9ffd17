/// How far an export is: reported every few thousand events, for a progress line.
package struct ExportProgress: Sendable {
    /// Events written so far.
    package var events: Int
    /// The seq of the last event written.
    package var seq: Int64
    /// The last seq this run exports.
    package var throughSeq: Int64
}
