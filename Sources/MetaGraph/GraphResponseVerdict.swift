/// Whether one response is usable, and if not, how the failure is classified.
enum GraphResponseVerdict {
    /// A 2xx JSON object without `error`.
    case success(GraphEnvelope)
    /// Anything else: its class, a redacted one-line reason, and Meta's error when there was one.
    case failure(GraphErrorClass, String, GraphErrorDetail?)
}
