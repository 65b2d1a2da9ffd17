/// Which requests a fault applies to.
public enum StandInTrigger: Sendable, Equatable {
    /// Any request.
    case any
    /// The request with this 1-based number (counted over the stand-in's whole life).
    case request(Int)
    /// Requests whose path contains this text (e.g. `/insights`, `act_1`).
    case path(String)
    /// Requests that follow a `paging.next` link (they carry an `after` cursor) and whose path contains this text.
    case nextPage(String)
    /// POST requests whose path contains this text.
    case post(String)
}
