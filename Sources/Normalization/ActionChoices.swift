import JSON

/// The entry `Normalizer.readAction` chooses for each action type of each action list a row holds, found while the
/// byte reader scans the lists (see `Normalizer.normalize(canonical:accountCurrency:attribution:)`), so no entry is
/// kept.
///
/// Per list and type, as `readAction` chooses: the first entry with no breakdown key, else the first entry of that
/// type. Every list's choices go into one flat array, a list's choices side by side (a row has a dozen lists of a few
/// chosen entries each); where each list's run starts and ends is kept inline, and a type is its index among
/// ``ActionTypeList/used``, so neither a list nor a type costs an allocation and a lookup reads only its own list.
/// An entry's `value` is kept read (``ExactDecimal/parse(_:)-(JSONValue)``), nil when it is missing or no exact
/// number: what `readAction` makes of it.
struct ActionChoices {
    private struct Choice {
        var value: ExactDecimal?
        let type: UInt8
        var unbroken: Bool
    }

    /// The most choices a row may hold: positions are kept in a byte. A row of every action list with every used type
    /// holds 15 × 16 = 240; more means a list repeated, and the byte reader leaves such a row to the parser.
    private static let capacity = Int(UInt8.max)

    private var choices: [Choice] = []
    /// The lists read, a bit per ``InsightFields/Field`` raw value.
    private var listsRead: UInt32 = 0
    /// Where each list's choices start and end in `choices`, by ``InsightFields/Field`` raw value.
    private var starts = SIMD32<UInt8>()
    private var ends = SIMD32<UInt8>()
    /// The list being read.
    private var current = 0

    /// Starts reading action list `field`: its entries follow, in order.
    mutating func beginList(_ field: InsightFields.Field) {
        current = field.rawValue
        listsRead |= 1 << UInt32(current)
        starts[current] = UInt8(truncatingIfNeeded: choices.count)
        ends[current] = starts[current]
    }

    /// Takes an entry of the list being read, of used action type `type`; false when the row holds more choices than
    /// a row can (``capacity``).
    mutating func add(type: Int, brokenDown: Bool, value: ExactDecimal?) -> Bool {
        for index in Int(starts[current])..<Int(ends[current]) where Int(choices[index].type) == type {
            if !choices[index].unbroken, !brokenDown {
                choices[index].unbroken = true
                choices[index].value = value
            }
            return true
        }
        guard choices.count < Self.capacity else { return false }
        if choices.isEmpty { choices.reserveCapacity(32) }
        choices.append(Choice(value: value, type: UInt8(truncatingIfNeeded: type), unbroken: !brokenDown))
        ends[current] = UInt8(truncatingIfNeeded: choices.count)
        return true
    }

    /// Whether action list `field` has an entry of used action type `type`, and that entry's value; nil when the
    /// list was not read here.
    func entry(_ field: InsightFields.Field, ofType type: Int) -> (found: Bool, value: ExactDecimal?)? {
        let list = field.rawValue
        guard listsRead & (1 << UInt32(list)) != 0 else { return nil }
        for index in Int(starts[list])..<Int(ends[list]) where Int(choices[index].type) == type {
            return (true, choices[index].value)
        }
        return (false, nil)
    }
}
