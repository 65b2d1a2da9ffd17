import Foundation

extension GraphClient {
    /// Runs an async insights report job and calls `body` with each page of its result.
    ///
    /// `POST /{v}/act_{id}/insights` with the same parameters as `forEachInsightsPage` (without `limit`)
    /// returns a `report_run_id`; `GET /{v}/{report_run_id}` is polled with a doubling delay (from
    /// `jobPollInitialDelay` up to `jobPollMaxDelay`) until `async_status` is `Job Completed` at 100 %; then
    /// `GET /{v}/{report_run_id}/insights` is read page by page like a synchronous listing.
    ///
    /// - Throws: `GraphError.asyncJobFailed` on `Job Failed` / `Job Skipped` and `.asyncJobTimedOut` after
    ///   `jobTimeout` (both suggest splitting the date range), other `GraphError`s, or whatever `body` throws.
    public func runInsightsJob(
        accountId: String, since: String, until: String, fields: [String], _ body: (GraphPage) throws -> Void
    ) throws {
        let account = try GraphClient.accountPath(accountId)
        let parameters = try insightsParameters(since: since, until: until, fields: fields)
        let start = GraphRequest(method: .post, path: versioned("\(account)/insights"), parameters: parameters)
        guard case .success(_, let envelope, _) = try perform(start, accountId: account, reducible: false) else {
            throw GraphError.unexpectedResponse("starting an async report job asked to reduce the amount of data")
        }
        guard let reportRunId = envelope.string("report_run_id") ?? envelope.string("id"),
            !reportRunId.isEmpty, reportRunId.allSatisfy({ $0.isASCII && $0.isNumber })
        else {
            throw GraphError.unexpectedResponse("starting an async report job returned no numeric report_run_id")
        }
        onEvent(.jobStarted(reportRunId: reportRunId))
        try waitForJob(reportRunId: reportRunId)
        let results = GraphRequest(
            path: versioned("\(reportRunId)/insights"),
            parameters: [GraphParameter("limit", String(configuration.pageLimit))])
        try forEachPage(startingWith: results, accountId: nil, body)
    }

    /// Polls `/{report_run_id}` until the job completes, fails or times out.
    private func waitForJob(reportRunId: String) throws(GraphError) {
        let started = clock.now()
        var delay = max(configuration.jobPollInitialDelay, 0)
        let status = GraphRequest(path: versioned(reportRunId))
        while true {
            waitForJob(delay)
            guard case .success(_, let envelope, _) = try perform(status, accountId: nil, reducible: false) else {
                throw .unexpectedResponse("polling async report job \(reportRunId) asked to reduce the amount of data")
            }
            let state = envelope.string("async_status") ?? ""
            let percent = envelope.int("async_percent_completion") ?? 0
            onEvent(.jobStatus(reportRunId: reportRunId, status: state, percent: percent))
            switch state {
            case "Job Completed" where percent >= 100:
                return
            case "Job Failed", "Job Skipped":
                throw .asyncJobFailed(
                    reportRunId: reportRunId, status: state, percent: percent, errorCode: envelope.int("error_code"),
                    errorSubcode: envelope.int("error_subcode"))
            default:
                break
            }
            let waited = clock.now() - started
            if waited >= configuration.jobTimeout {
                throw .asyncJobTimedOut(reportRunId: reportRunId, seconds: Int(waited.rounded()))
            }
            delay = min(max(delay * 2, 1), max(configuration.jobPollMaxDelay, 1))
        }
    }
}
