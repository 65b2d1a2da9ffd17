import JSON

extension Normalizer {
    /// A numeric field: a string or JSON number read exactly.
    static func readNumber(_ value: JSONValue?) -> FieldLookup<ExactDecimal> {
        guard let value else { return .absent }
        guard let number = ExactDecimal.parse(value) else { return .malformed }
        return .found(number)
    }

    /// Numeric field `field` of a row: as the byte reader read it when it did (``ScannedNumbers``), else from its
    /// value.
    static func readNumber(_ field: InsightFields.Field, of fields: InsightFields) -> FieldLookup<ExactDecimal> {
        fields.numbers.lookup(field) ?? readNumber(fields[field])
    }

    /// Action list `field` of a row: from the byte reader's choices when it made them, else from the list itself.
    static func readAction(_ field: InsightFields.Field, of fields: InsightFields, types: ActionTypeList)
        -> FieldLookup<ExactDecimal>
    {
        for type in types.indexes {
            guard let entry = fields.actionEntry(field, ofType: type) else {
                return readAction(fields[field], types: types.names)
            }
            guard entry.found else { continue }
            guard let number = entry.value else { return .malformed }
            return .found(number)
        }
        return .absent
    }

    /// The `value` of the first present action type in an action list (see ``Normalizer``).
    static func readAction(_ list: JSONValue?, types: [String]) -> FieldLookup<ExactDecimal> {
        guard let list else { return .absent }
        guard let entries = list.arrayValue else { return .malformed }
        for type in types {
            guard let entry = entry(ofType: type, in: entries) else { continue }
            guard let value = entry["value"], let number = ExactDecimal.parse(value) else { return .malformed }
            return .found(number)
        }
        return .absent
    }

    /// The entry for `type`: the first without breakdown keys, else the first of that type.
    private static func entry(ofType type: String, in entries: [JSONValue]) -> JSONValue? {
        var firstBrokenDown: JSONValue?
        for entry in entries {
            guard case .object(let members) = entry,
                members.contains(where: { member in
                    guard case .string(let text) = member.value else { return false }
                    return member.key == "action_type" && text == type
                })
            else { continue }
            if !members.contains(where: { isBreakdownKey($0.key) }) { return entry }
            if firstBrokenDown == nil { firstBrokenDown = entry }
        }
        return firstBrokenDown
    }

    /// `action_reaction`, `action_device`, … (every `action_*` key except `action_type`).
    private static func isBreakdownKey(_ key: String) -> Bool {
        var key = key
        let asciiPrefix = key.withUTF8 { bytes -> Bool? in
            // An ASCII key: byte comparison is string comparison. Otherwise ask `hasPrefix`,
            // which compares characters.
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let prefix: StaticString = "action_"
            let count = prefix.utf8CodeUnitCount
            guard bytes.count >= count else { return false }
            for i in 0..<count where bytes[i] != prefix.utf8Start[i] { return false }
            return true
        }
        guard let asciiPrefix else { return key != "action_type" && key.hasPrefix("action_") }
        return asciiPrefix && key != "action_type"
    }

    /// `account_id`: bare digits become `act_<digits>`; `act_<digits>` is kept (see ``AccountId``).
    static func readAccountId(_ value: JSONValue?) -> FieldLookup<String> {
        guard let value else { return .absent }
        guard let text = value.scalarText, let id = AccountId.normalize(text) else { return .malformed }
        return .found(id)
    }

    /// An object id: a non-empty string, or a JSON integer.
    static func readIdentifier(_ value: JSONValue?) -> FieldLookup<String> {
        switch value {
        case nil: .absent
        case .string(let text) where !text.isEmpty: .found(text)
        case .number(let lexeme) where isDigits(Substring(lexeme)): .found(lexeme)
        default: .malformed
        }
    }

    /// A name: any string.
    static func readText(_ value: JSONValue?) -> FieldLookup<String> {
        switch value {
        case nil: .absent
        case .string(let text): .found(text)
        default: .malformed
        }
    }

    /// A date: a string shaped `YYYY-MM-DD` with month 01–12 and day 01–31.
    static func readDate(_ value: JSONValue?) -> FieldLookup<String> {
        guard let value else { return .absent }
        guard let text = value.stringValue else { return .malformed }
        var copy = text
        let shaped = copy.withUTF8 { bytes in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                let month = twoDigits(bytes[5], bytes[6]), let day = twoDigits(bytes[8], bytes[9]),
                (1...12).contains(month), (1...31).contains(day),
                bytes[0..<4].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { return false }
            return true
        }
        guard shaped else { return .malformed }
        return .found(text)
    }

    /// An ISO 4217 code: three upper-case ASCII letters.
    static func readCurrency(_ value: JSONValue?) -> FieldLookup<String> {
        guard let value else { return .absent }
        guard let text = value.stringValue, text.utf8.count == 3,
            text.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
        else { return .malformed }
        return .found(text)
    }

    private static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func twoDigits(_ tens: UInt8, _ ones: UInt8) -> Int? {
        let zero = UInt8(ascii: "0")
        guard (zero...zero + 9).contains(tens), (zero...zero + 9).contains(ones) else { return nil }
        return Int(tens - zero) * 10 + Int(ones - zero)
    }
}
