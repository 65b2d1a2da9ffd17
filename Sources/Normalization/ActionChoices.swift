import JSON

/// The entry `Normalizer.readAction` chooses for each action type an action list holds, found while the byte reader
/// scans the list (see `Normalizer.normalize(canonical:accountCurrency:attribution:)`), so no entry is kept.
///
/// Per type, as `readAction` chooses: the first entry with no breakdown key, else the first entry of that type.
struct ActionChoices {
    /// One chosen entry: its action type, whether it has no breakdown key, and its `value` (nil when it has none).
    private struct Choice {
        let type: String
        let unbroken: Bool
        let value: JSONValue?
    }

    private var choices: [Choice] = []

    /// Takes an entry of action type `type` (the list's entries in order).
    mutating func add(type: String, brokenDown: Bool, value: JSONValue?) {
        guard let index = choices.firstIndex(where: { $0.type == type }) else {
            choices.append(Choice(type: type, unbroken: !brokenDown, value: value))
            return
        }
        if !choices[index].unbroken, !brokenDown { choices[index] = Choice(type: type, unbroken: true, value: value) }
    }

    /// Whether the list has an entry of `type`, and that entry's value.
    func entry(ofType type: String) -> (found: Bool, value: JSONValue?) {
        guard let choice = choices.first(where: { $0.type == type }) else { return (false, nil) }
        return (true, choice.value)
    }
}
