/// The HTTP methods the Graph client uses.
public enum GraphMethod: String, Sendable, Hashable, Codable {
    /// Reads: objects, edges, insights, job status.
    case get = "GET"
    /// Starts an async report job; parameters go in a form body.
    case post = "POST"
}
