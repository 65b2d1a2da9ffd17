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

    /// The entries the byte reader chose from the action lists it read.
    var actionChoices = ActionChoices()

    /// The numeric scalar fields the byte reader read as decimals.
    var numbers = ScannedNumbers()

    /// Whether action list `field` has an entry of used action type `type` (``ActionTypeList/used``), and that
    /// entry's value read as a decimal, when the byte reader summarised the list (nil when it did not).
    func actionEntry(_ field: Field, ofType type: Int) -> (found: Bool, value: ExactDecimal?)? {
        actionChoices.entry(field, ofType: type)
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

    /// Each field's key, by raw value: the one spelling both lookups read.
    static let names = [
        "account_id", "ad_id", "ad_name", "adset_id", "adset_name", "campaign_id", "campaign_name", "date_start",
        "account_currency", "spend", "impressions", "reach", "frequency", "cpm", "clicks", "outbound_clicks",
        "outbound_clicks_ctr", "cost_per_outbound_click", "actions", "cost_per_action_type", "action_values",
        "purchase_roas", "video_play_actions", "video_avg_time_watched_actions", "video_p25_watched_actions",
        "video_p50_watched_actions", "video_p75_watched_actions", "video_p95_watched_actions",
        "video_p100_watched_actions", "cpc", "video_thruplay_watched_actions",
    ]

    /// Each field's key as bytes, by raw value.
    private static let fieldNames: [[UInt8]] = names.map { Array($0.utf8) }

    /// The fields whose key has each UTF-8 length.
    private static let fieldsByLength: [[Field]] = {
        var table = Array(repeating: [Field](), count: (fieldNames.map(\.count).max() ?? 0) + 1)
        for field in Field.allCases { table[fieldNames[field.rawValue].count].append(field) }
        return table
    }()

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
    /// Comparing UTF-8 bytes is the same: every field name is lower-case ASCII letters, digits and `_`, and no
    /// other spelling is canonically equivalent to such a name (the only non-ASCII characters that decompose to
    /// ASCII are U+212A, U+037E and U+1FEF: `K`, `;`, `` ` ``).
    static func field(named key: String) -> Field? {
        var key = key
        return key.withUTF8 { field(utf8: $0) }
    }
}
