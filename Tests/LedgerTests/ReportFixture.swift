import Foundation
import Sync
import Testing

@testable import Ledger

/// A small ledger for report tests: a USD account (act_42, four ads in two campaigns) and a JPY account
/// (act_43, two ads), nine days from Thursday 2025-11-27 to Friday 2025-12-05 (two months, two ISO weeks),
/// three generated creatives (brand WP), four ads linked to them and two left unmapped; the JPY account's own
/// brand is JP.
struct ReportFixture {
    struct Ad {
        let id: String
        let account: String
        let campaign: String
        let adset: String
        let creative: String?
        let firstDay: Int
    }

    static let days = [
        "2025-11-27", "2025-11-28", "2025-11-29", "2025-11-30", "2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04",
        "2025-12-05",
    ]
    static let creatives = [
        ("a1b2c3d4-0000-4000-8000-000000000001", "C1", "SQ"), ("b2c3d4e5-0000-4000-8000-000000000002", "C2", "ST"),
        ("c3d4e5f6-0000-4000-8000-000000000003", "C1", "ST"),
    ]
    static let ads = [
        Ad(id: "1001", account: "42", campaign: "9", adset: "81", creative: "a1b2c3d4", firstDay: 0),
        Ad(id: "1002", account: "42", campaign: "9", adset: "82", creative: "b2c3d4e5", firstDay: 0),
        Ad(id: "1003", account: "42", campaign: "10", adset: "83", creative: "c3d4e5f6", firstDay: 4),
        Ad(id: "1004", account: "42", campaign: "10", adset: "83", creative: nil, firstDay: 0),
        Ad(id: "2001", account: "43", campaign: "20", adset: "91", creative: "a1b2c3d4", firstDay: 0),
        Ad(id: "2002", account: "43", campaign: "20", adset: "91", creative: nil, firstDay: 2),
    ]

    let test: TestLedger

    init() throws {
        test = try TestLedger()
        let setup = try test.open(at: "2025-12-06T05:00:00Z")
        _ = try setup.linkBrand("WP", account: "act_42", name: "Wild Pines US", primary: true)
        _ = try setup.linkBrand("WP", account: "act_43", name: "Wild Pines JP", primary: false)
        var csv = "id,brand,filename,concept,format\n"
        for (id, concept, format) in Self.creatives {
            csv += "\(id),WP,\(id.prefix(8))-WP-\(concept)-\(format).png,\(concept),\(format)\n"
        }
        _ = try setup.importCreatives(file: try test.file("creatives.csv", csv), skipBad: false)
        var rows: [String] = []
        for ad in Self.ads {
            for (index, day) in Self.days.enumerated() where index >= ad.firstDay {
                rows.append(Self.row(ad, index, day))
            }
        }
        let page = try test.file("page.json", "{\"data\":[" + rows.joined(separator: ",") + "]}")
        _ = try test.open(at: "2025-12-06T06:00:00Z").ingest(files: [page], account: nil)
        let later = try test.open(at: "2025-12-06T06:05:00Z")
        _ = try later.autoLink(actor: MappingActor("test"))
        // The JPY account's own brand (its primary) is JP: its unmapped ad counts as JP, its mapped one as WP.
        _ = try later.linkBrand("JP", account: "act_43", name: "Wild Pines JP", primary: true)
    }

    /// One raw Graph row: numbers that differ by ad and day; JPY in whole yen.
    static func row(_ ad: Ad, _ index: Int, _ day: String) -> String {
        let n = (Int(ad.id) ?? 0) % 97
        let yen = ad.account == "43"
        let spend =
            yen
            ? String(1000 + n * 11 + index * 37)
            : String(format: "%d.%02d", 5 + n % 13 + index * 3, (n * 7 + index * 13) % 100)
        let purchases = (n + index) % 4
        let value = yen ? String(purchases * 4000) : String(format: "%.2f", Double(purchases) * 30.5)
        let name = ad.creative.map { "WP | \($0)-WP-C-SQ.png" } ?? "WP prospecting \(ad.id)"
        return """
            {"account_id":"\(ad.account)","account_currency":"\(yen ? "JPY" : "USD")","ad_id":"\(ad.id)","ad_name":"\(name)",\
            "campaign_id":"\(ad.campaign)","campaign_name":"Campaign \(ad.campaign)","adset_id":"\(ad.adset)",\
            "adset_name":"Adset \(ad.adset)","date_start":"\(day)","date_stop":"\(day)","spend":"\(spend)",\
            "impressions":"\(1000 + index * 10 + n)","clicks":"\(20 + index)",\
            "outbound_clicks":[{"action_type":"outbound_click","value":"\(10 + index)"}],\
            "actions":[{"action_type":"omni_purchase","value":"\(purchases)"}],\
            "action_values":[{"action_type":"omni_purchase","value":"\(value)"}]}
            """
    }

    /// Every ad-day with its mapping, read with plain SQL: the reference the report is checked against.
    struct Fact {
        let values: [String: SQLValue]
        func text(_ name: String) -> String? { values[name]?.text }
        func number(_ name: String) -> Double { values[name]?.number ?? 0 }
        var isMapped: Bool { values["generated_ad_id"] != .null }
    }

    func facts(_ ledger: LedgerReader) throws -> [Fact] {
        var columns: [String] = []
        var facts: [Fact] = []
        try ledger.query(
            """
            SELECT p.meta_ad_account_id, p.meta_campaign_id, p.meta_adset_id, p.meta_ad_id, p.date, p.currency,
                p.spend, p.impressions, p.clicks, p.link_clicks, p.purchases, p.purchase_value,
                p.brand_id AS account_brand, g.id AS generated_ad_id, g.short_id, g.brand_id AS creative_brand,
                g.concept, g.format
            FROM meta_ads_performance p
            LEFT JOIN meta_ad_mapping m ON m.meta_ad_id = p.meta_ad_id LEFT JOIN generated_ads g ON g.id = m.generated_ad_id
            """, columns: { columns = $0 },
            row: { facts.append(Fact(values: Dictionary(uniqueKeysWithValues: zip(columns, $0)))) })
        return facts
    }

    /// The key values of `grouping` for one ad-day, as the report names them.
    static func key(_ grouping: ReportGrouping, _ fact: Fact) -> [String] {
        let brand = fact.text("creative_brand") ?? fact.text("account_brand") ?? ""
        let unmapped = "(unmapped)"
        switch grouping {
        case .creative:
            return [
                fact.text("generated_ad_id") ?? "", fact.text("short_id") ?? unmapped, brand,
                fact.isMapped ? fact.text("concept") ?? "" : unmapped,
                fact.isMapped ? fact.text("format") ?? "" : unmapped,
            ]
        case .concept: return [brand, fact.isMapped ? fact.text("concept") ?? "" : unmapped]
        case .format: return [fact.isMapped ? fact.text("format") ?? "" : unmapped]
        case .brand: return [brand]
        case .account: return [fact.text("meta_ad_account_id") ?? ""]
        case .campaign: return [fact.text("meta_campaign_id") ?? ""]
        case .adset: return [fact.text("meta_adset_id") ?? ""]
        case .ad: return [fact.text("meta_ad_id") ?? ""]
        case .day: return [fact.text("date") ?? ""]
        case .week: return [monday(of: fact.text("date") ?? "")]
        case .month: return [String((fact.text("date") ?? "").prefix(7))]
        }
    }

    /// The Monday of a day's ISO week, by Foundation's calendar.
    static func monday(of day: String) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        guard let date = formatter.date(from: day),
            let start = calendar.dateInterval(of: .weekOfYear, for: date)?.start
        else { return "?" }
        return formatter.string(from: start)
    }
}
