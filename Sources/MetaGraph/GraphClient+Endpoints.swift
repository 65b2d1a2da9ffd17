import Foundation
import JSON
import Normalization

extension GraphClient {
    /// Fields asked for by `fetchAccount`.
    public static let accountFields = ["id", "name", "account_id", "currency", "timezone_name", "account_status"]
    /// Fields asked for by `forEachCampaignPage`.
    public static let campaignFields = [
        "id", "name", "status", "effective_status", "objective", "daily_budget", "lifetime_budget", "created_time",
        "updated_time",
    ]

    /// Fetches the ad account object (`GET /{v}/act_{id}?fields=id,name,account_id,currency,timezone_name,account_status`).
    ///
    /// - Parameter accountId: `act_<digits>` or just the digits.
    /// - Returns: the account object, as Meta sent it.
    /// - Throws: `GraphError` (`.invalidAccountId`, `.invalidToken`, `.permissionDenied`, …).
    public func fetchAccount(_ accountId: String) throws(GraphError) -> JSONValue {
        let account = try GraphClient.accountPath(accountId)
        let request = GraphRequest(
            path: versioned(account),
            parameters: [GraphParameter("fields", GraphClient.accountFields.joined(separator: ","))])
        switch try perform(request, accountId: account, reducible: false) {
        case .success(_, let envelope, _): return envelope.object
        case .reduceData(let detail): throw .api(detail)
        }
    }

    /// Asks for one row of account-level insights for yesterday (`level=account`, `date_preset=yesterday`,
    /// `fields=account_id`, `limit=1`): whether the token may read the account's insights, whatever the row says.
    ///
    /// - Throws: `GraphError` (`.permissionDenied` when insights cannot be read, `.invalidToken`, …).
    public func probeInsights(accountId: String) throws(GraphError) {
        let account = try GraphClient.accountPath(accountId)
        let request = GraphRequest(
            path: versioned("\(account)/insights"),
            parameters: [
                GraphParameter("level", "account"), GraphParameter("date_preset", "yesterday"),
                GraphParameter("fields", "account_id"), GraphParameter("limit", "1"),
            ])
        if case .reduceData(let detail) = try perform(request, accountId: account, reducible: false) {
            throw .api(detail)
        }
    }

    /// Calls `body` with each page of the account's campaigns (every effective status, deleted and archived
    /// included), following `paging.next` until Meta gives none.
    ///
    /// - Throws: `GraphError`, or whatever `body` throws (which stops the listing).
    public func forEachCampaignPage(accountId: String, _ body: (GraphPage) throws -> Void) throws {
        try forEachObjectPage(.campaigns, accountId: accountId, body)
    }

    /// Calls `body` with each page of one of the account's object edges (`/act_N/ads`, `/adsets`,
    /// `/adcreatives`, `/campaigns`) with the edge's fields, every effective status included (deleted and
    /// archived too) where the edge filters by status, following `paging.next` until Meta gives none. A page
    /// that is not JSON, or has no `data` array, is an error as for insights.
    ///
    /// - Throws: `GraphError`, or whatever `body` throws (which stops the listing).
    public func forEachObjectPage(_ edge: GraphObjectEdge, accountId: String, _ body: (GraphPage) throws -> Void)
        throws
    {
        let account = try GraphClient.accountPath(accountId)
        var parameters = [GraphParameter("fields", edge.fields.joined(separator: ","))]
        if !edge.effectiveStatuses.isEmpty {
            parameters.append(
                GraphParameter("filtering", GraphClient.inFilter(field: "effective_status", edge.effectiveStatuses)))
        }
        parameters.append(GraphParameter("limit", String(configuration.pageLimit)))
        let request = GraphRequest(path: versioned("\(account)/\(edge.rawValue)"), parameters: parameters)
        try forEachPage(startingWith: request, accountId: account, body)
    }

    /// Calls `body` with each page of daily ad-level insights for `since…until` (inclusive, `YYYY-MM-DD`).
    ///
    /// Sends `GET /{v}/act_{id}/insights` with `level=ad`, `time_increment=1`, `time_range`, `fields`,
    /// `limit`, a `filtering` on `ad.effective_status` listing every status, and the configured
    /// `action_attribution_windows` (or `use_account_attribution_setting=true`). Follows `paging.next` exactly
    /// as given and stops only when it is absent
    /// (an empty page with a `next` continues). When Meta asks to reduce the amount of data, the page is asked
    /// again with half the `limit`, down to `minimumPageLimit`; below that it throws
    /// `GraphError.reduceDataAtMinimumLimit` so the caller can split the range.
    ///
    /// - Throws: `GraphError`, or whatever `body` throws.
    public func forEachInsightsPage(
        accountId: String, since: String, until: String, fields: [String], _ body: (GraphPage) throws -> Void
    ) throws {
        let account = try GraphClient.accountPath(accountId)
        let parameters =
            try insightsParameters(since: since, until: until, fields: fields)
            + [GraphParameter("limit", String(configuration.pageLimit))]
        let request = GraphRequest(path: versioned("\(account)/insights"), parameters: parameters)
        try forEachPage(startingWith: request, accountId: account, body)
    }

    /// The insights parameters shared by the synchronous read and the async job (everything but `limit`).
    func insightsParameters(since: String, until: String, fields: [String]) throws(GraphError) -> [GraphParameter] {
        guard CalendarDate.isValid(since), CalendarDate.isValid(until) else {
            throw .invalidArgument("time range \(since)…\(until) must be two YYYY-MM-DD calendar dates")
        }
        guard since <= until else {
            throw .invalidArgument("time range \(since)…\(until) ends before it starts")
        }
        guard !fields.isEmpty else { throw .invalidArgument("insights need at least one field") }
        let windows = configuration.actionAttributionWindows.map(GraphClient.jsonString).joined(separator: ",")
        var parameters = [
            GraphParameter("level", "ad"),
            GraphParameter("time_increment", "1"),
            GraphParameter(
                "time_range", "{\"since\":\(GraphClient.jsonString(since)),\"until\":\(GraphClient.jsonString(until))}"),
            GraphParameter("fields", fields.joined(separator: ",")),
            GraphParameter(
                "filtering",
                GraphClient.inFilter(field: "ad.effective_status", GraphConfiguration.allAdEffectiveStatuses)),
        ]
        if configuration.useAccountAttributionSetting {
            parameters.append(GraphParameter("use_account_attribution_setting", "true"))
        } else if !configuration.actionAttributionWindows.isEmpty {
            parameters.append(GraphParameter("action_attribution_windows", "[\(windows)]"))
        }
        return parameters
    }

    /// Pages through an edge from `request`, following `paging.next` verbatim; halves `limit` on
    /// "reduce the amount of data".
    func forEachPage(
        startingWith first: GraphRequest, accountId: String?, _ body: (GraphPage) throws -> Void
    ) throws {
        var request = first
        var pageNumber = 0
        while true {
            let limit = request.parameter("limit").flatMap { Int($0) }
            switch try perform(request, accountId: accountId, reducible: limit != nil) {
            case .reduceData(let detail):
                guard let limit, limit / 2 >= max(configuration.minimumPageLimit, 1) else {
                    throw GraphError.reduceDataAtMinimumLimit(limit: limit ?? 0, detail)
                }
                onEvent(.limitReduced(from: limit, to: limit / 2))
                request = request.replacingParameter("limit", with: String(limit / 2))
            case .success(let response, let envelope, let number):
                pageNumber += 1
                guard let rows = envelope.rows else {
                    throw GraphError.unexpectedResponse("page \(pageNumber) of \(first.path) has no \"data\" array")
                }
                let next = envelope.nextURL
                let page = GraphPage(
                    body: response.body, rows: rows, hasNext: next != nil, requestNumber: number, pageNumber: pageNumber,
                    limit: limit)
                recordPage(page)
                try body(page)
                guard let next else { return }
                request = GraphRequest(followingPagingURL: next)
            }
        }
    }

    /// `act_<digits>` for `act_<digits>` or `<digits>`; anything else is `.invalidAccountId`.
    public static func accountPath(_ accountId: String) throws(GraphError) -> String {
        guard let account = AccountId.normalize(accountId) else { throw .invalidAccountId(accountId, nil) }
        return account
    }

    /// `[{"field":F,"operator":"IN","value":[…]}]`, compact.
    static func inFilter(field: String, _ values: [String]) -> String {
        "[{\"field\":\(jsonString(field)),\"operator\":\"IN\",\"value\":[\(values.map(jsonString).joined(separator: ","))]}]"
    }

    /// A JSON string literal for `text`.
    static func jsonString(_ text: String) -> String { JSONValue.string(text).canonicalText }
}
