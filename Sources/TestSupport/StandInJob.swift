/// An async report job the stand-in created.
struct StandInJob: Sendable {
    /// The account's numeric id.
    let accountId: String
    /// First and last day numbers of the job's range.
    let firstDay: Int
    let lastDay: Int
    /// Requested fields (nil = all).
    let fields: Set<String>?
    /// Requested attribution windows (empty for the account's own setting).
    let windows: [String]
    /// Status polls left before the job completes.
    var pollsLeft: Int
    /// `Job Failed` / `Job Skipped` when the job is set to fail.
    let failure: String?
}
