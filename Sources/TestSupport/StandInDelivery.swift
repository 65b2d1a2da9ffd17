/// How a response is put on the wire.
enum StandInDelivery: Sendable, Equatable {
    /// Normally, with the right `Content-Length`.
    case normal
    /// After waiting this many seconds (or until the server stops).
    case hang(Double)
    /// Part of the status line, then a TCP reset.
    case reset
    /// A `Content-Length` larger than the body, then close.
    case truncated
}
