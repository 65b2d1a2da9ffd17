import MetaGraph

/// Answers requests from a fixed list of responses, in order, and remembers the requests.
final class ScriptedTransport: GraphTransport {
    private var responses: [GraphResponse]
    private(set) var requests: [GraphRequest] = []

    init(_ responses: [GraphResponse]) { self.responses = responses }

    func send(_ request: GraphRequest) throws(GraphError) -> GraphResponse {
        requests.append(request)
        guard !responses.isEmpty else { throw .network(curlCode: 7, message: "script exhausted") }
        return responses.removeFirst()
    }
}
