import JSON

/// The fields of a raw insight row that ``Normalizer`` reads, found in one pass over the row.
///
/// A row has a few dozen members; matching each key against the fields by length and then by
/// string equality is much cheaper than hashing every key into a dictionary. When a key occurs
/// twice (only possible in a hand-built ``JSONValue``), the first member wins.
struct InsightFields {
    enum Field: Int, CaseIterable {
        case accountId, adId, adName, adsetId, adsetName, campaignId, campaignName, dateStart, accountCurrency
        case spend, impressions, reach, frequency, cpm, clicks
        case outboundClicks, outboundClicksCtr, costPerOutboundClick
        case actions, costPerActionType, actionValues, purchaseRoas
        case videoPlayActions, videoAvgTimeWatchedActions
        case videoP25WatchedActions, videoP50WatchedActions, videoP75WatchedActions, videoP95WatchedActions
        case videoP100WatchedActions
        case cpc, videoThruplayWatchedActions
    }

    private var values: [JSONValue?]

    /// No field present.
    init() {
        values = Array(repeating: nil, count: Field.allCases.count)
    }

    init(_ members: [(key: String, value: JSONValue)]) {
        self.init()
        for member in members {
            guard let field = Self.field(named: member.key), values[field.rawValue] == nil else { continue }
            values[field.rawValue] = member.value
        }
    }

    /// The action lists the byte reader summarised, in the order read (few per row: a short list beats a table).
    private var choices: [(field: Field, choices: ActionChoices)] = []

    /// The chosen entries of action list `field`, when the byte reader summarised it.
    func choices(for field: Field) -> ActionChoices? {
        for entry in choices where entry.field == field { return entry.choices }
        return nil
    }

    /// Records the chosen entries of action list `field` (its value should be an empty array, marking it present).
    mutating func setChoices(_ actionChoices: ActionChoices, for field: Field) {
        choices.append((field, actionChoices))
    }

    subscript(_ field: Field) -> JSONValue? {
        get { values[field.rawValue] }
        set { values[field.rawValue] = newValue }
    }

    /// The field a key spelled as plain ASCII bytes names (the bytes are its text, so byte equality is string
    /// equality).
    static func field(utf8 key: UnsafeBufferPointer<UInt8>) -> Field? {
        guard key.count < fieldsByLength.count else { return nil }
        for field in fieldsByLength[key.count] {
            let matches = fieldNames[field.rawValue].withUnsafeBufferPointer { name in
                for i in 0..<name.count where name[i] != key[i] { return false }
                return true
            }
            if matches { return field }
        }
        return nil
    }

    /// Each field's key as bytes, by raw value (found through `field(named:)`, so the two cannot disagree).
    private static let fieldNames: [[UInt8]] = Field.allCases.map { field in
        allKeys.first { Self.field(named: $0) == field }.map { Array($0.utf8) } ?? []
    }

    /// The fields whose key has each UTF-8 length.
    private static let fieldsByLength: [[Field]] = {
        var table = Array(repeating: [Field](), count: 31)
        for field in Field.allCases { table[fieldNames[field.rawValue].count].append(field) }
        return table
    }()

    /// Every key `field(named:)` knows.
    private static let allKeys = [
        "account_id", "ad_id", "ad_name", "adset_id", "adset_name", "campaign_id", "campaign_name", "date_start",
        "account_currency", "spend", "impressions", "reach", "frequency", "cpm", "clicks", "outbound_clicks",
        "outbound_clicks_ctr", "cost_per_outbound_click", "actions", "cost_per_action_type", "action_values",
        "purchase_roas", "video_play_actions", "video_avg_time_watched_actions", "video_p25_watched_actions",
        "video_p50_watched_actions", "video_p75_watched_actions", "video_p95_watched_actions",
        "video_p100_watched_actions", "cpc", "video_thruplay_watched_actions",
    ]

    /// Whether the normalizer reads the field as an action list (`readAction`) rather than as a scalar.
    static func isActionList(_ field: Field) -> Bool {
        switch field {
        case .outboundClicks, .outboundClicksCtr, .costPerOutboundClick, .actions, .costPerActionType, .actionValues,
            .purchaseRoas, .videoPlayActions, .videoAvgTimeWatchedActions, .videoP25WatchedActions,
            .videoP50WatchedActions, .videoP75WatchedActions, .videoP95WatchedActions, .videoP100WatchedActions,
            .videoThruplayWatchedActions:
            true
        default: false
        }
    }

    /// The field a key names, by Swift string equality (as a dictionary lookup would match it).
    ///
    /// Switching on the UTF-8 length first is safe: every field name is lower-case ASCII letters,
    /// digits and `_`, and no other spelling is canonically equivalent to such a name (the only
    /// non-ASCII characters that decompose to ASCII are U+212A, U+037E and U+1FEF: `K`, `;`, `` ` ``).
    static func field(named key: String) -> Field? {
        switch key.utf8.count {
        case 3:
            if key == "cpm" { return .cpm }
            if key == "cpc" { return .cpc }
        case 5:
            if key == "spend" { return .spend }
            if key == "ad_id" { return .adId }
            if key == "reach" { return .reach }
        case 6: if key == "clicks" { return .clicks }
        case 7:
            if key == "ad_name" { return .adName }
            if key == "actions" { return .actions }
        case 8: if key == "adset_id" { return .adsetId }
        case 9: if key == "frequency" { return .frequency }
        case 10:
            if key == "account_id" { return .accountId }
            if key == "date_start" { return .dateStart }
            if key == "adset_name" { return .adsetName }
        case 11:
            if key == "impressions" { return .impressions }
            if key == "campaign_id" { return .campaignId }
        case 13:
            if key == "campaign_name" { return .campaignName }
            if key == "action_values" { return .actionValues }
            if key == "purchase_roas" { return .purchaseRoas }
        case 15: if key == "outbound_clicks" { return .outboundClicks }
        case 16: if key == "account_currency" { return .accountCurrency }
        case 18: if key == "video_play_actions" { return .videoPlayActions }
        case 19: if key == "outbound_clicks_ctr" { return .outboundClicksCtr }
        case 20: if key == "cost_per_action_type" { return .costPerActionType }
        case 23: if key == "cost_per_outbound_click" { return .costPerOutboundClick }
        case 25:
            if key == "video_p25_watched_actions" { return .videoP25WatchedActions }
            if key == "video_p50_watched_actions" { return .videoP50WatchedActions }
            if key == "video_p75_watched_actions" { return .videoP75WatchedActions }
            if key == "video_p95_watched_actions" { return .videoP95WatchedActions }
        case 26: if key == "video_p100_watched_actions" { return .videoP100WatchedActions }
        case 30:
            if key == "video_avg_time_watched_actions" { return .videoAvgTimeWatchedActions }
            if key == "video_thruplay_watched_actions" { return .videoThruplayWatchedActions }
        default: break
        }
        return nil
    }
}
