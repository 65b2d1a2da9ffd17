import Foundation
import TestSupport

/// Every fault the stand-in can inject, alone and mixed at random (seeded), over whole syncs: each run ends
/// with the right totals, or with a clear error after which a re-run does; no duplicates; bounded requests.
enum FaultCampaign {
    static let name = "faults over whole syncs"

    static let alone: [StandInFault] = [
        .throttle(code: 4), .throttle(code: 17), .throttle(code: 32), .throttle(code: 613), .throttle(code: 80000),
        .throttle(code: 80004), .throttle(code: 80014), .serverError(status: 500), .serverError(status: 503),
        .serverError(status: 502), .hang(seconds: 3), .connectionReset, .truncatedBody, .html, .emptyPageWithNext,
        .reduceData, .asyncJobFails(status: "Job Failed"), .asyncJobFails(status: "Job Skipped"),
        .graphError(status: 500, code: 2, subcode: nil, isTransient: true),
        .graphError(status: 400, code: 1, subcode: nil, isTransient: nil),
        .tokenError(subcode: 463), .tokenError(subcode: 460), .tokenError(subcode: 458), .tokenError(subcode: nil),
        .permission(code: 200), .permission(code: 10), .permission(code: 100, subcode: 33), .badAccount, .badTimeRange,
    ]

    static func randomFault(_ random: inout SeededGenerator) -> StandInFault {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return .throttle(code: [4, 17, 32, 613, 80000 + Int.random(in: 0...14, using: &random)].randomElement(using: &random) ?? 17)
        case 1: return .serverError(status: [500, 502, 503, 504].randomElement(using: &random) ?? 500)
        default: return alone.randomElement(using: &random) ?? .html
        }
    }

    static func randomTrigger(_ random: inout SeededGenerator) -> StandInTrigger {
        switch Int.random(in: 0..<7, using: &random) {
        case 0: return .any
        case 1: return .request(Int.random(in: 1...20, using: &random))
        case 2: return .path("/insights")
        case 3: return .path("act_2002")
        case 4: return .path("campaigns")
        case 5: return .post("insights")
        default: return .nextPage("insights")
        }
    }

    static func run(_ campaign: Campaign) throws -> ScenarioResult {
        var random = campaign.random(name)
        var result = ScenarioResult(name: name, seed: campaign.options.seed)
        let world = try SyncWorld.standard(ads: 20, days: 14)
        world.timeout = 1
        let ws = try campaign.workspace("faults", environment: world.environment())

        let reference = ws.path("reference.sqlite")
        let start = world.server.requestCount
        guard try ws.run(world.syncArguments(db: reference)).ok else { throw CampaignError.setup("reference sync failed") }
        let minimum = world.server.requestCount - start
        let expectedProjection = try ws.query(reference, KillDuringSync.projectionSQL)

        var plans: [[(StandInFault, StandInTrigger, Int)]] = alone.map { [($0, .nextPage("insights"), 2)] }
        if campaign.options.mode == .full { plans += alone.map { [($0, .any, 1)] } }
        for _ in 0..<campaign.options.trials(short: 4, full: 60) {
            plans.append((0..<Int.random(in: 2...5, using: &random)).map { _ in
                (randomFault(&random), randomTrigger(&random), Int.random(in: 1...3, using: &random))
            })
        }
        var clearErrors = 0
        for (trial, plan) in plans.enumerated() {
            result.trials += 1
            world.server.clearFaults()
            for (fault, trigger, times) in plan { world.server.inject(fault, on: trigger, times: times) }
            let label = "trial \(trial) [" + plan.map { "\($0.0) on \($0.1) ×\($0.2)" }.joined(separator: ", ") + "]"
            let db = ws.path("t.sqlite")
            Campaign.removeLedger(db)
            let before = world.server.requestCount
            let first = try ws.run(world.syncArguments(db: db), timeout: 180)
            let used = world.server.requestCount - before
            let injected = plan.reduce(0) { $0 + $1.2 }
            result.check(!first.signaled && !first.timedOut, "\(label): \(first.summary)")
            // Bounded: each injected fault costs at most a few extra requests (retry, smaller page, job, split).
            result.check(used <= minimum * 3 + injected * 12, "\(label): \(used) requests, the fault-free sync needs \(minimum)")
            if first.ok {
                result.failures += try world.checkTotals(ws, db: db).map { "\(label): \($0)" }
            } else {
                let last = first.stderrLines.last.map(String.init) ?? ""
                result.check(last.hasPrefix("Error: ") && last.count > 20, "\(label): failed without a clear error: \(last.prefix(200))")
                if last.hasPrefix("Error: ") { clearErrors += 1 }
                let verify = try ws.verify(db)
                result.check(!FileManager.default.fileExists(atPath: db) || verify.ok, "\(label): verify failed after the error: \(verify.summary)")
                world.server.clearFaults()
                let rerun = try ws.run(world.syncArguments(db: db), timeout: 180)
                result.check(rerun.ok, "\(label): the re-run after \"\(last.prefix(120))\" failed: \(rerun.summary)")
                result.failures += try world.checkTotals(ws, db: db).map { "\(label) after the re-run: \($0)" }
            }
            let verify = try ws.verify(db)
            result.check(verify.ok, "\(label): verify failed: \(verify.summary)")
            result.duplicates += try ws.duplicateInsights(db)
            let projection = try ws.query(db, KillDuringSync.projectionSQL)
            let missing = Set(expectedProjection).subtracting(projection).count
            result.eventsLost += missing
            result.check(missing == 0 && projection.count == expectedProjection.count, "\(label): projection differs from the fault-free sync")
        }
        world.server.clearFaults()
        Campaign.removeLedger(ws.path("t.sqlite"))
        result.notes.append("\(clearErrors) runs stopped with a clear error and were re-run; fault-free sync = \(minimum) requests")
        campaign.close(ws, &result)
        return result
    }
}
