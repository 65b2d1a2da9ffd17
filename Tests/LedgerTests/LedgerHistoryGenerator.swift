import JSON
import Foundation
import Normalization
import TestSupport

@testable import Ledger

/// Writes a seeded random history into a ledger through the library's own commands: syncs of restated,
/// unchanged and vanished ad-days (with coverage), ingest-like pages without coverage, breakdown parts,
/// account objects in USD or JPY, campaigns with budgets, ad sets, ads whose status changes, creatives (video or
/// not, with or without a story spec), brand links and unlinks, creatives, and mapping
/// links, unlinks, rejects and auto-links. One writer stays open throughout while its clock moves, sometimes
/// not at all between steps (events then share a time).
struct LedgerHistoryGenerator {
    var random: SplitMix64
    let clock: SteppedClock
    let ledger: Ledger
    let directory: URL
    private var step = 0
    /// How often each ad-day (or part) was restated so far: a fetch returns the same content unless it moves on.
    private var restatements: [String: UInt64] = [:]

    static let accounts = ["act_101": ["11", "12", "13"], "act_202": ["14", "15", "16"]]
    /// Ad 16's rows are split by `product_id`: each ad-day is the total of its parts.
    static let breakdownAd = "16"
    static let days = ["2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04"]
    static let creatives = [
        "d4e5f6a7-1111-4111-8111-111111111111", "a1b2c3d4-2222-4222-8222-222222222222",
        "0f1e2d3c-3333-4333-8333-333333333333", "99887766-4444-4444-8444-444444444444",
    ]
    static let brands = ["WP", "XB"]

    init(seed: UInt64, ledger: Ledger, clock: SteppedClock, directory: URL) {
        random = SplitMix64(seed: seed)
        self.ledger = ledger
        self.clock = clock
        self.directory = directory
    }

    /// Runs `steps` random commands.
    mutating func run(steps: Int) throws {
        for _ in 0..<steps {
            step += 1
            if Int.random(in: 0..<5, using: &random) > 0 {
                clock.advance(seconds: Double(Int.random(in: 1...120, using: &random) * 60))
            }
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<35: try sync(coverage: true)
            case 35..<45: try sync(coverage: false)
            case 45..<52:
                try fetchAccount()
                if chance(80) { try fetchObjects() }
            case 52..<59:
                try fetchCampaigns()
                if chance(80) { try fetchObjects() }
            case 59..<68: try linkBrand()
            case 68..<73: try unlinkBrand()
            case 73..<81: try registerCreatives()
            case 81..<88: try link()
            case 88..<92: try unlink()
            case 92..<96: try reject()
            default: _ = try ledger.autoLink(actor: MappingActor("auto"))
            }
        }
        try ledger.refreshSuggestions()
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    private mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    /// One chunk of a sync: rows for a random part of the account's ad-days, in one or two pages; with
    /// coverage, the chunk is completed (what it did not return vanishes, the rest is covered).
    private mutating func sync(coverage: Bool) throws {
        let account = pick(Self.accounts.keys.sorted())
        let first = Int.random(in: 0..<Self.days.count, using: &random)
        let last = Int.random(in: first..<Self.days.count, using: &random)
        var rows: [JSONValue] = []
        var returned = Set<String>()
        for ad in Self.accounts[account] ?? [] {
            for day in Self.days[first...last] where chance(70) {
                let parts = ad == Self.breakdownAd ? ["p1", "p2"].filter { _ in chance(75) } : [nil]
                for part in parts {
                    rows.append(row(account: account, ad: ad, day: day, part: part))
                    returned.insert("\(ad)|\(day)")
                }
            }
        }
        let runId = "run-\(step)"
        var counts = AppendCounts()
        let split = rows.isEmpty ? 0 : Int.random(in: 0...rows.count, using: &random)
        for page in [Array(rows[..<split]), Array(rows[split...])] where !page.isEmpty {
            counts.add(try ledger.appendInsightPage(page, accountId: account, runId: runId, locator: "page").0)
            if chance(50) { clock.advance(seconds: 1) }
        }
        guard coverage else { return }
        _ = try ledger.completeChunk(
            SyncChunk(accountId: account, since: Self.days[first], until: Self.days[last]), runId: runId,
            returned: returned, counts: counts)
    }

    /// A row whose content changes only when the ad-day is restated (a quarter of the fetches).
    private mutating func row(account: String, ad: String, day: String, part: String?) -> JSONValue {
        let key = "\(ad)|\(day)|\(part ?? "")"
        if chance(25) { restatements[key, default: 0] += 1 }
        var content = SplitMix64(seed: key.utf8.reduce(restatements[key, default: 0]) { $0 &* 31 &+ UInt64($1) })
        return Self.row(account: account, ad: ad, day: day, part: part, using: &content)
    }

    private static func row(account: String, ad: String, day: String, part: String?, using random: inout SplitMix64)
        -> JSONValue
    {
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
        let creative = pick(Self.creatives)
        var members: [(key: String, value: JSONValue)] = [
            ("account_id", .string(String(account.dropFirst(4)))), ("ad_id", .string(ad)),
            ("ad_name", .string("\(pick(Self.brands)) | C\(ad) | \(creative.prefix(8))-WP-C3-SQ.png")),
            ("campaign_id", .string(pick(["901", "902"]))), ("adset_id", .string("80\(ad)")),
            ("date_start", .string(day)), ("date_stop", .string(day)),
            ("spend", .string(pick(["1.00", "2.50", "10.50"]))), ("impressions", .string(pick(["100", "1000"]))),
            ("clicks", .string("20")),
            (
                "actions",
                .array([.object([("action_type", .string("omni_purchase")), ("value", .string(pick(["1", "2"])))])])
            ),
        ]
        if Bool.random(using: &random) { members.append(("account_currency", .string(pick(["USD", "EUR"])))) }
        if let part { members.append(("product_id", .string(part))) }
        return .object(members)
    }

    private mutating func fetchAccount() throws {
        let account = pick(Self.accounts.keys.sorted())
        _ = try ledger.recordAccount(
            .object([
                ("id", .string(account)), ("name", .string("Account \(account)")),
                ("currency", .string(pick(["USD", "JPY"]))), ("timezone_name", .string("Asia/Tokyo")),
                ("account_status", .number("1")),
            ]), accountId: account)
    }

    private mutating func fetchCampaigns() throws {
        let account = pick(Self.accounts.keys.sorted())
        var campaigns: [JSONValue] = []
        for id in ["901", "902"] where chance(60) {
            var members: [(key: String, value: JSONValue)] = [
                ("id", .string(id)), ("name", .string("Campaign \(id)")),
                ("status", .string(pick(["ACTIVE", "PAUSED"]))),
                ("effective_status", .string("ACTIVE")), ("objective", .string("OUTCOME_SALES")),
            ]
            if chance(70) { members.append(("daily_budget", .string(pick(["5000", "123", "100000"])))) }
            if chance(30) { members.append(("lifetime_budget", .string("250000"))) }
            campaigns.append(.object(members))
        }
        _ = try ledger.recordCampaigns(campaigns, accountId: account)
    }

    /// Ad sets, ads and creatives of one account: statuses change now and then, creatives switch between video
    /// and image, some fields are missing or unknown.
    private mutating func fetchObjects() throws {
        let account = pick(Self.accounts.keys.sorted())
        let ads = Self.accounts[account] ?? []
        let adsets: [JSONValue] = ads.filter { _ in chance(60) }.map { ad in
            .object([
                ("id", .string("80\(ad)")), ("campaign_id", .string(pick(["901", "902"]))),
                ("effective_status", .string(pick(["ACTIVE", "PAUSED", "NOT_A_STATUS"]))),
                ("daily_budget", .string(pick(["5000", "777"]))),
            ])
        }
        _ = try ledger.recordObjects(adsets, of: .adset, accountId: account)
        let creatives: [JSONValue] = ads.filter { _ in chance(60) }.map { ad in
            var members: [(key: String, value: JSONValue)] = [
                ("id", .string("70\(ad)")), ("object_type", .string(pick(["VIDEO", "SHARE"]))),
            ]
            if chance(50) {
                members.append(("object_story_spec", .object([("link_data", .object([("link", .string("https://x.example/\(ad)"))]))])))
            }
            return .object(members)
        }
        _ = try ledger.recordObjects(creatives, of: .adcreative, accountId: account)
        let adObjects: [JSONValue] = ads.filter { _ in chance(70) }.map { ad in
            .object([
                ("id", .string(ad)), ("adset_id", .string("80\(ad)")), ("creative", .object([("id", .string("70\(ad)"))])),
                ("effective_status", .string(pick(["ACTIVE", "ACTIVE", "PAUSED", "ARCHIVED"]))),
                ("updated_time", .string("2025-12-0\(Int.random(in: 1...9, using: &random))T10:00:00-0800")),
            ])
        }
        _ = try ledger.recordObjects(adObjects, of: .ad, accountId: account)
    }

    private mutating func linkBrand() throws {
        let account = pick(Self.accounts.keys.sorted())
        _ = try ledger.linkBrand(
            pick(Self.brands), account: account, name: pick(["Shop", "Store"]), primary: chance(40))
    }

    private mutating func unlinkBrand() throws {
        let links = try ledger.brands()
        guard !links.isEmpty else { return }
        let link = pick(links)
        try ledger.unlinkBrand(link.brandId, account: link.accountId)
    }

    private mutating func registerCreatives() throws {
        var lines = ["id,brand,filename,concept"]
        for id in Self.creatives where chance(50) {
            lines.append("\(id),\(pick(Self.brands)),asset-\(id.prefix(4)).png,\(pick(["sale", "launch"]))")
        }
        guard lines.count > 1 else { return }
        let file = directory.appendingPathComponent("creatives-\(step).csv")
        try lines.joined(separator: "\n").write(to: file, atomically: false, encoding: .utf8)
        _ = try ledger.importCreatives(file: file.path, skipBad: false)
    }

    /// Ads with rows and creatives registered so far, as the live tables hold them.
    private func known() throws -> (ads: [String], creatives: [String]) {
        func column(_ sql: String) throws -> [String] {
            try ledger.connection.rows(sql).compactMap { $0[0].text }
        }
        return (
            try column("SELECT DISTINCT meta_ad_id FROM meta_ads_performance ORDER BY 1"),
            try column("SELECT id FROM generated_ads ORDER BY 1")
        )
    }

    private mutating func link() throws {
        let (ads, creatives) = try known()
        guard !ads.isEmpty, !creatives.isEmpty else { return }
        _ = try ledger.link(
            generatedAdId: pick(creatives), metaAdId: pick(ads), replace: true, actor: MappingActor("test"))
    }

    private mutating func unlink() throws {
        let linked = try ledger.connection.rows("SELECT meta_ad_id FROM meta_ad_mapping ORDER BY 1").compactMap {
            $0[0].text
        }
        guard !linked.isEmpty else { return }
        _ = try ledger.unlink(metaAdId: pick(linked), actor: MappingActor("test"))
    }

    private mutating func reject() throws {
        let (ads, creatives) = try known()
        guard !ads.isEmpty, !creatives.isEmpty else { return }
        _ = try ledger.reject(
            generatedAdId: pick(creatives), metaAdId: pick(ads), actor: MappingActor("test"), reason: "no")
    }
}
