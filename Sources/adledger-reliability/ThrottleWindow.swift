import Foundation
import TestSupport

/// A throttle with `estimated_time_to_regain_access`, with real waits: the client waits the window out
/// instead of hammering (no request inside the window), then finishes with the right totals.
enum ThrottleWindow {
    static let name = "throttle window, real waits"

    static func run(_ campaign: Campaign) throws -> ScenarioResult {
        var result = ScenarioResult(name: name, seed: campaign.options.seed)
        let world = try SyncWorld.standard(ads: 40, days: 7)
        world.timeout = 5
        let ws = try campaign.workspace("throttle", environment: world.environment(instantWaits: false))
        // Meta sends whole minutes; fractions keep the run short (the stand-in reports them as given).
        let windows: [(code: Int, minutes: Double, trigger: StandInTrigger)] =
            campaign.options.mode == .short
            ? []  // a real window costs a minute: the client's 100 % usage slowdown (60 s) outlasts a short estimate
            : [(80004, 0.05, .nextPage("insights")), (17, 0.08, .path("/insights")), (80000, 0.05, .path("act_2001")),
               (613, 0.1, .any)]
        for (trial, window) in windows.enumerated() {
            result.trials += 1
            world.server.clearFaults()
            let db = ws.path("t\(trial).sqlite")
            let before = world.server.requestsDuringThrottleWindow
            let requestsBefore = world.server.requestCount
            world.server.inject(.throttle(code: window.code, regainMinutes: window.minutes), on: window.trigger, times: 1)
            let sync = try ws.run(world.syncArguments(db: db), timeout: 150)
            let hammered = world.server.requestsDuringThrottleWindow - before
            let label = "code \(window.code), \(Int(window.minutes * 60)) s window"
            result.check(sync.ok, "\(label): sync failed: \(sync.summary)")
            result.check(hammered == 0, "\(label): \(hammered) requests inside the throttle window")
            result.check(sync.seconds >= window.minutes * 60 * 0.9, "\(label): finished in \(sync.seconds) s, before the window closed")
            result.check(sync.seconds <= window.minutes * 60 + 90, "\(label): took \(sync.seconds) s for a \(window.minutes * 60) s window")
            result.failures += try world.checkTotals(ws, db: db).map { "\(label): \($0)" }
            result.duplicates += try ws.duplicateInsights(db)
            result.notes.append("\(label): \(String(format: "%.1f", sync.seconds)) s, \(world.server.requestCount - requestsBefore) requests, \(hammered) in the window")
        }
        // Without an estimate and with instant waits: the client gives up after a bounded number of tries.
        result.trials += 1
        world.server.clearFaults()
        world.server.inject(.throttle(code: 17), on: .path("/insights"), times: 1_000)
        let requestsBefore = world.server.requestCount
        let db = ws.path("endless.sqlite")
        let endless = try ws.run(world.syncArguments(db: db), timeout: 150, extraEnvironment: ["ADLEDGER_INSTANT_WAITS": "1"])
        let used = world.server.requestCount - requestsBefore
        result.check(!endless.ok && !endless.signaled && (endless.stderrLines.last?.hasPrefix("Error: ") ?? false),
                     "endless throttling: expected a clear error, got \(endless.summary)")
        result.check(used <= 40, "endless throttling: \(used) requests before giving up")
        result.notes.append("endless throttling: gave up after \(used) requests")
        world.server.clearFaults()
        campaign.close(ws, &result)
        return result
    }
}
