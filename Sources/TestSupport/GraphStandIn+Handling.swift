import Foundation
import JSON

extension GraphStandIn {
    /// Answers one request: records it, checks the token, applies throttle windows and scripted faults,
    /// then routes it.
    func handle(_ request: StandInHTTPRequest) -> StandInHTTPResponse {
        let tokens = request.parameters.filter { $0.0 == "access_token" }.map(\.1)
        // `debug_token` takes the token a second time, as `input_token`: neither is kept in the records.
        let parameters = request.parameters.filter { $0.0 != "access_token" && $0.0 != "input_token" }
        let components = request.path.split(separator: "/").map(String.init)
        let followsNext = request.parameter("after") != nil
        let now = clock()

        let decision:
            (
                number: Int, token: String, fault: StandInFault?, window: (code: Int, minutes: Double)?,
                latency: Double, usage: StandInUsage, accountKey: String, maxPageSize: Int?
            )
        decision = lock.withLock {
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            let number = state.requests.count + 1
            let accountKey = accountKey(components)
            var window: (code: Int, minutes: Double)?
            for key in [accountKey, "*"] {
                if let open = state.throttleWindows[key], open.until > now { window = (open.code, open.minutes) }
            }
            var dictionary: [String: String] = [:]
            for (name, value) in parameters where dictionary[name] == nil { dictionary[name] = value }
            state.requests.append(
                StandInRecordedRequest(
                    number: number, method: request.method, path: request.path, parameters: dictionary,
                    tokenCount: tokens.count, duringThrottleWindow: window != nil))
            var fault: StandInFault?
            if let index = state.faults.firstIndex(where: {
                $0.matches(number: number, method: request.method, path: request.path, followsNext: followsNext)
            }) {
                fault = state.faults[index].fault
                state.faults[index].remaining -= 1
                if state.faults[index].remaining <= 0 { state.faults.remove(at: index) }
            }
            if case .throttle(let code, _, let minutes)? = fault, minutes > 0 {
                state.throttleWindows[accountKey] = (now + minutes * 60, code, minutes)
            }
            return (number, state.token, fault, window, state.latency, state.usage, accountKey, state.maxPageSize)
        }
        defer { lock.withLock { state.inFlight -= 1 } }
        if decision.latency > 0 { usleep(useconds_t(decision.latency * 1_000_000)) }

        var context = StandInContext(
            request: request, components: components, parameters: parameters, usage: decision.usage,
            accountKey: decision.accountKey, token: decision.token, maxPageSize: decision.maxPageSize)

        guard tokens.count == 1, tokens[0] == decision.token else {
            let message =
                tokens.isEmpty
                ? "An active access token must be used to query information about the current user."
                : (tokens.count > 1 ? "access_token was given more than once" : "Invalid OAuth access token data.")
            return context.error(status: 400, code: tokens.count > 1 ? 100 : 190, subcode: nil, message: message)
        }
        if let window = decision.window {
            context.throttled = (100, window.minutes)
            return context.error(
                status: 400, code: window.code, subcode: nil,
                message:
                    "(#\(window.code)) There have been too many calls from this ad-account. Wait a bit and try again.")
        }
        if let fault = decision.fault, let response = respond(to: fault, &context) {
            return response
        }
        return route(&context, jobFailure: nil)
    }

    /// The throttle-window key of a path: the account id, or the job's account, or "*".
    private func accountKey(_ components: [String]) -> String {
        guard components.count >= 2 else { return "*" }
        if components[1].hasPrefix("act_") { return String(components[1].dropFirst(4)) }
        return state.jobs[components[1]]?.accountId ?? "*"
    }

    /// The response for a scripted fault; nil when the fault only changes how the request is routed.
    private func respond(to fault: StandInFault, _ context: inout StandInContext) -> StandInHTTPResponse? {
        switch fault {
        case .throttle(let code, let subcode, let minutes):
            context.throttled = (100, minutes)
            return context.error(
                status: 400, code: code, subcode: subcode,
                message: "(#\(code)) There have been too many calls from this ad-account. Wait a bit and try again.")
        case .serverError(let status):
            if status == 503 {
                return context.error(
                    status: 503, code: 2, subcode: nil, message: "(#2) Service temporarily unavailable",
                    isTransient: true)
            }
            return context.error(status: status, code: 1, subcode: 99, message: "An unknown error occurred")
        case .hang(let seconds):
            var response = route(&context, jobFailure: nil)
            response.delivery = .hang(seconds)
            return response
        case .connectionReset:
            var response = route(&context, jobFailure: nil)
            response.delivery = .reset
            return response
        case .truncatedBody:
            var response = route(&context, jobFailure: nil)
            response.delivery = .truncated
            return response
        case .html:
            return StandInHTTPResponse(
                status: 200, headers: context.headers(contentType: "text/html; charset=utf-8"),
                body:
                    "<!DOCTYPE html><html><head><title>Error</title></head><body>Sorry, something went wrong.</body></html>"
            )
        case .tokenError(let subcode):
            return context.error(
                status: 400, code: 190, subcode: subcode, message: "Error validating access token: Session has expired")
        case .permission(let code, let subcode):
            return context.error(
                status: code == 200 ? 403 : 400, code: code, subcode: subcode,
                message: "(#\(code)) Requires ads_read permission to manage the object")
        case .badAccount:
            return context.error(status: 400, code: 100, subcode: nil, message: "(#100) Invalid parameter")
        case .reduceData:
            return context.error(
                status: 500, code: 1, subcode: nil,
                message: "Please reduce the amount of data you're asking for, then retry your request")
        case .badTimeRange:
            return context.error(
                status: 400, code: 3018, subcode: nil,
                message: "(#3018) The start date of the time range cannot be beyond 37 months from the current date")
        case .graphError(let status, let code, let subcode, let isTransient):
            return context.error(
                status: status, code: code, subcode: subcode, message: "Scripted error", isTransient: isTransient)
        case .emptyPageWithNext:
            context.emptyPage = true
            return nil
        case .asyncJobFails(let status):
            return route(&context, jobFailure: status)
        }
    }

    /// Serves the endpoint the path names.
    private func route(_ context: inout StandInContext, jobFailure: String?) -> StandInHTTPResponse {
        let components = context.components
        guard components.count >= 2, components[0] == apiVersion else {
            return context.error(
                status: 400, code: 100, subcode: nil, message: "Unknown path components: \(context.request.path)")
        }
        let object = components[1]
        let edge = components.count > 2 ? components[2] : nil
        if object == "debug_token", context.request.method == "GET", edge == nil {
            return debugToken(&context)
        }
        if object.hasPrefix("act_") {
            guard let account = accounts[String(object.dropFirst(4))] else {
                return context.error(status: 400, code: 100, subcode: nil, message: "(#100) Invalid ad account id")
            }
            switch (context.request.method, edge) {
            case ("GET", nil): return context.json(accountJSON(account))
            case ("GET", "campaigns"): return campaigns(account, &context)
            case ("GET", "adsets"):
                return context.page(total: account.campaignCount, defaultLimit: 25) {
                    StandInObjectGenerator.adset(account, $0)
                }
            case ("GET", "ads"):
                let statuses = lock.withLock { state.adStatuses[account.id] ?? [:] }
                return context.page(total: account.adCount, defaultLimit: 25) { index in
                    let status = statuses[index] ?? StandInObjectGenerator.defaultStatus(index)
                    return StandInObjectGenerator.ad(account, index, status: status)
                }
            case ("GET", "adcreatives"):
                return context.page(total: account.adCount, defaultLimit: 25) {
                    StandInObjectGenerator.creative(account, $0)
                }
            case ("GET", "insights"): return insights(account, &context)
            case ("POST", "insights"): return startJob(account, &context, failure: jobFailure)
            default: break
            }
        } else if let job = lock.withLock({ state.jobs[object] }) {
            switch (context.request.method, edge) {
            case ("GET", nil): return jobStatus(object, job, &context)
            case ("GET", "insights"): return jobResults(job, &context)
            default: break
            }
        }
        return context.error(
            status: 400, code: 100, subcode: 33,
            message: "Unsupported get request. Object with ID '\(object)' does not exist, cannot be loaded due to "
                + "missing permissions, or does not support this operation.")
    }

    /// `debug_token` about `input_token`: valid when it is the accepted token, with the expiry `setTokenExpiry` set.
    private func debugToken(_ context: inout StandInContext) -> StandInHTTPResponse {
        let input = context.request.parameters.first { $0.0 == "input_token" }?.1
        let expiry = lock.withLock { state.tokenExpiry }
        return context.json(
            "{\"data\":{\"app_id\":\"1000000000\",\"type\":\"USER\",\"application\":\"adledger stand-in\","
                + "\"data_access_expires_at\":\(expiry.dataAccess),\"expires_at\":\(expiry.token),"
                + "\"is_valid\":\(input == context.token),\"scopes\":[\"ads_read\"]}}")
    }

    private func accountJSON(_ account: StandInAccount) -> String {
        let q = StandInRowGenerator.quoted
        return "{\"id\":\(q("act_" + account.id)),\"name\":\(q(account.name)),\"account_id\":\(q(account.id)),"
            + "\"currency\":\(q(account.currency)),\"timezone_name\":\(q(account.timezoneName)),\"account_status\":1}"
    }

    private func campaigns(_ account: StandInAccount, _ context: inout StandInContext) -> StandInHTTPResponse {
        let total = account.campaignCount
        return context.page(total: total, defaultLimit: 25) { index in StandInRowGenerator.campaign(account, index) }
    }

    private func insights(_ account: StandInAccount, _ context: inout StandInContext) -> StandInHTTPResponse {
        let limit = Int(context.parameter("limit") ?? "") ?? 25
        if let threshold = lock.withLock({ state.reduceDataAboveLimit }), limit > threshold {
            return context.error(
                status: 500, code: 1, subcode: nil,
                message: "Please reduce the amount of data you're asking for, then retry your request")
        }
        guard let (first, last) = timeRange(context.parameter("time_range"), account) else {
            return context.error(
                status: 400, code: 100, subcode: nil, message: "(#100) time_range must be {'since':..,'until':..}")
        }
        return rowsPage(account, first, last, fields(context.parameter("fields")), windows(context), &context)
    }

    private func rowsPage(
        _ account: StandInAccount, _ first: Int, _ last: Int, _ fields: Set<String>?, _ windows: [String],
        _ context: inout StandInContext
    ) -> StandInHTTPResponse {
        let days = dayRange(account, first, last)
        let revision = lock.withLock { state.revisions[account.id] }
        let ads = max(account.adCount, 0)
        return context.page(total: days.count * ads, defaultLimit: 25) { index in
            let day = days.lowerBound + index / ads
            return StandInRowGenerator.row(
                account, adIndex: index % ads, day: day, revision: revisionFor(revision, day), windows: windows
            ).json(fields: fields)
        }
    }

    private func startJob(
        _ account: StandInAccount, _ context: inout StandInContext, failure: String?
    ) -> StandInHTTPResponse {
        guard let (first, last) = timeRange(context.parameter("time_range"), account) else {
            return context.error(status: 400, code: 100, subcode: nil, message: "(#100) time_range is required")
        }
        let fields = fields(context.parameter("fields"))
        let windows = windows(context)
        let id: String = lock.withLock {
            let id = String(4_000_000_000_000_000 + state.nextJob)
            state.nextJob += 1
            state.jobs[id] = StandInJob(
                accountId: account.id, firstDay: first, lastDay: last, fields: fields, windows: windows,
                pollsLeft: state.jobPolls, failure: failure)
            return id
        }
        return context.json("{\"report_run_id\":\"\(id)\"}")
    }

    private func jobStatus(_ id: String, _ job: StandInJob, _ context: inout StandInContext) -> StandInHTTPResponse {
        let (status, percent): (String, Int) = lock.withLock {
            guard var current = state.jobs[id] else { return ("Job Failed", 0) }
            if let failure = current.failure { return (failure, 0) }
            if current.pollsLeft > 0 {
                current.pollsLeft -= 1
                state.jobs[id] = current
                return ("Job Running", 50)
            }
            return ("Job Completed", 100)
        }
        var body =
            "{\"id\":\"\(id)\",\"account_id\":\"\(job.accountId)\",\"time_ref\":1765000000,"
            + "\"async_status\":\"\(status)\",\"async_percent_completion\":\(percent),"
            + "\"date_start\":\"\(StandInDay.text(job.firstDay))\",\"date_stop\":\"\(StandInDay.text(job.lastDay))\""
        if job.failure != nil { body += ",\"error_code\":2,\"error_subcode\":2490547,\"error_message\":\"Job failed\"" }
        return context.json(body + "}")
    }

    private func jobResults(_ job: StandInJob, _ context: inout StandInContext) -> StandInHTTPResponse {
        guard let account = accounts[job.accountId] else {
            return context.error(status: 400, code: 100, subcode: 33, message: "Unsupported get request.")
        }
        return rowsPage(account, job.firstDay, job.lastDay, job.fields, job.windows, &context)
    }

    private func timeRange(_ text: String?, _ account: StandInAccount) -> (Int, Int)? {
        guard let text else {
            let first = StandInDay.number(account.firstDay) ?? 0
            return (first, first + account.dayCount - 1)
        }
        guard let object = try? JSONParser.parse(text),
            let since = object["since"]?.stringValue, let until = object["until"]?.stringValue,
            let first = StandInDay.number(since), let last = StandInDay.number(until)
        else { return nil }
        return (first, last)
    }

    /// The attribution windows a request asks for: none under `use_account_attribution_setting=true`, the
    /// `action_attribution_windows` JSON array, else the default.
    private func windows(_ context: StandInContext) -> [String] {
        if context.parameter("use_account_attribution_setting") == "true" { return [] }
        guard let text = context.parameter("action_attribution_windows"),
            let list = (try? JSONParser.parse(text))?.arrayValue
        else { return StandInRowGenerator.defaultWindows }
        return list.compactMap(\.stringValue)
    }

    private func fields(_ text: String?) -> Set<String>? {
        guard let text, !text.isEmpty else { return nil }
        return Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }
}
