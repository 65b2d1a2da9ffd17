/// The numeric scalar fields of a row (`spend`, `impressions`, …) that the byte reader read straight into decimals
/// (see `Normalizer.normalize(canonical:accountCurrency:attribution:)`), so none becomes a ``JSON/JSONValue`` and a
/// `String` first.
///
/// Each field read holds what `Normalizer.readNumber` makes of its value: the decimal, or nil when the value is no
/// exact number. A field not read here is looked up in the row's ``InsightFields`` as before.
struct ScannedNumbers {
    private var numbers = InlineArray<7, ExactDecimal?>(repeating: nil)
    /// The fields read, a bit per slot.
    private var read: UInt8 = 0

    /// The slot of a numeric scalar field; nil for any other field.
    static func slot(of field: InsightFields.Field) -> Int? {
        switch field {
        case .spend: 0
        case .impressions: 1
        case .reach: 2
        case .frequency: 3
        case .cpm: 4
        case .clicks: 5
        case .cpc: 6
        default: nil
        }
    }

    /// Records field `slot`'s value as read: `number`, nil when it is no exact number.
    mutating func set(_ slot: Int, _ number: ExactDecimal?) {
        numbers[slot] = number
        read |= 1 << UInt8(slot)
    }

    /// What field `field` was read as; nil when the byte reader did not read it.
    func lookup(_ field: InsightFields.Field) -> FieldLookup<ExactDecimal>? {
        guard let slot = Self.slot(of: field), read & (1 << UInt8(slot)) != 0 else { return nil }
        return numbers[slot].map(FieldLookup.found) ?? .malformed
    }
}
