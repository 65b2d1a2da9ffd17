import JSON

/// The entry `Normalizer.readAction` chooses for each action type of each action list a row holds, found while the
/// byte reader scans the lists (see `Normalizer.normalize(canonical:accountCurrency:attribution:)`), so no entry is
/// kept.
///
/// Per list and type, as `readAction` chooses: the first entry with no breakdown key, else the first entry of that
/// type. Every list's choices go into one flat array (a row has a dozen lists of a few chosen entries each), and a
/// type is its index among ``ActionTypeList/used``, so neither a list nor a type costs an allocation.
struct ActionChoices {
    private struct Choice {
        let field: InsightFields.Field
        let type: Int
        var unbroken: Bool
        var value: JSONValue?
    }

    private var choices: [Choice] = []
    /// The lists read, a bit per ``InsightFields/Field`` raw value.
    private var listsRead: UInt64 = 0
    /// The list being read, and where its choices start in `choices`.
    private var currentField = InsightFields.Field.actions
    private var listStart = 0

    /// Starts reading action list `field`: its entries follow, in order.
    mutating func beginList(_ field: InsightFields.Field) {
        listsRead |= 1 << UInt64(field.rawValue)
        currentField = field
        listStart = choices.count
    }

    /// Takes an entry of the list being read, of used action type `type`.
    mutating func add(type: Int, brokenDown: Bool, value: JSONValue?) {
        for index in listStart..<choices.count where choices[index].type == type {
            if !choices[index].unbroken, !brokenDown {
                choices[index].unbroken = true
                choices[index].value = value
            }
            return
        }
        if choices.isEmpty { choices.reserveCapacity(16) }
        choices.append(Choice(field: currentField, type: type, unbroken: !brokenDown, value: value))
    }

    /// Whether action list `field` has an entry of used action type `type`, and that entry's value; nil when the
    /// list was not read here.
    func entry(_ field: InsightFields.Field, ofType type: Int) -> (found: Bool, value: JSONValue?)? {
        guard listsRead & (1 << UInt64(field.rawValue)) != 0 else { return nil }
        for choice in choices where choice.field == field && choice.type == type { return (true, choice.value) }
        return (false, nil)
    }
}
