import Foundation

/// The outcome of sending one request until it succeeded or needs the caller's decision.
enum GraphAttempt {
    /// A 2xx JSON object without `error`.
    case success(response: GraphResponse, envelope: GraphEnvelope, requestNumber: Int)
    /// Meta asked to reduce the amount of data; the caller may ask for less.
    case reduceData(GraphErrorDetail)
}
