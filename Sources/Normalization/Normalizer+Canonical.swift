import JSON

extension Normalizer {
    /// Whether the byte reader knows every action type a column reads, and no other.
    package static var usedActionTypesAreComplete: Bool { ActionTypeList.usedIsComplete }

    /// Whether every field fits ``ActionChoices``' per-list bookkeeping (a bit and a byte per field, 32 at most) and
    /// every used action type its byte.
    package static var actionListsFitTheByteReader: Bool {
        InsightFields.Field.allCases.count <= 32 && ActionTypeList.used.count <= Int(UInt8.max)
    }

    /// The columns of the row that `scanner` stands at, read from canonical bytes with no tree for the row, as
    /// `normalize(_:accountCurrency:attribution:rawArrays:)` reads the parsed row with `rawArrays: false`.
    ///
    /// Only the fields ``InsightFields`` names are materialised: a numeric scalar as the decimal `readNumber` would
    /// read (``ScannedNumbers``), any other scalar as its ``JSONValue``, a container where a scalar belongs as an
    /// empty one of its kind (every reader finds either malformed), and an action list as the entry `readAction`
    /// would choose for each used action type (``ActionChoices``). Every other member is only scanned.
    ///
    /// - Returns: nil when the scanner is not sure of the bytes (see ``CanonicalScanner``): the caller parses them
    ///   instead. Otherwise the scanner stands after the row.
    package static func normalize(
        canonical scanner: inout CanonicalScanner, accountCurrency: String?, attribution: String?
    ) -> NormalizedInsight? {
        guard scanner.enterObject() else { return scanner.skipValue(depth: 1) ? NormalizedInsight() : nil }
        var fields = InsightFields()
        var cursor = CanonicalScanner.ObjectCursor()
        while true {
            guard let step = scanner.nextKey(&cursor) else { return nil }
            guard case .key(let key) = step else { break }
            guard let field = InsightFields.field(utf8: key) else {
                guard scanner.skipValue(depth: 2) else { return nil }
                continue
            }
            if InsightFields.isActionList(field) {
                guard scanner.nextByte == UInt8(ascii: "[") else {
                    // Not an array: `readAction` finds it malformed whatever it holds.
                    guard let value = scanner.readScalarOrPlaceholder() else { return nil }
                    fields[field] = value
                    continue
                }
                fields.actionChoices.beginList(field)
                guard readActionList(&scanner, into: &fields.actionChoices) else { return nil }
                // An empty array marks the field present; the choices stand for its entries.
                fields[field] = .array([])
            } else if let slot = ScannedNumbers.slot(of: field) {
                guard let number = readDecimal(&scanner) else { return nil }
                fields.numbers.set(slot, number)
            } else {
                guard let value = scanner.readScalarOrPlaceholder() else { return nil }
                fields[field] = value
            }
        }
        return normalize(fields, accountCurrency: accountCurrency, attribution: attribution, rawArrays: false)
    }

    /// The entry `readAction` would choose for each used action type of the array the scanner stands at, into
    /// `choices`; false when unsure.
    private static func readActionList(_ scanner: inout CanonicalScanner, into choices: inout ActionChoices) -> Bool {
        guard scanner.enterArray() else { return false }
        var cursor = CanonicalScanner.ArrayCursor()
        while true {
            guard let more = scanner.nextElement(&cursor) else { return false }
            guard more else { return true }
            guard scanner.nextByte == UInt8(ascii: "{") else {
                // Not an object: `readAction` skips it.
                guard scanner.skipValue(depth: 3) else { return false }
                continue
            }
            guard readActionEntry(&scanner, into: &choices) else { return false }
        }
    }

    /// Reads one action-list object into `choices` when a column can choose it (its `action_type` is a used type);
    /// false when unsure.
    private static func readActionEntry(_ scanner: inout CanonicalScanner, into choices: inout ActionChoices) -> Bool {
        guard scanner.enterObject() else { return false }
        var type: Int?
        var value: ExactDecimal?
        var brokenDown = false
        var cursor = CanonicalScanner.ObjectCursor()
        while true {
            guard let step = scanner.nextKey(&cursor) else { return false }
            guard case .key(let key) = step else { break }
            switch EntryKey(key) {
            case .actionType:
                guard scanner.nextByte == UInt8(ascii: "\"") else {
                    guard scanner.skipValue(depth: 4) else { return false }
                    continue
                }
                guard let text = scanner.readStringBytes() else { return false }
                type = usedActionType(text)
            case .value:
                guard let read = readDecimal(&scanner) else { return false }
                value = read
            case .breakdown:
                brokenDown = true
                guard scanner.skipValue(depth: 4) else { return false }
            case .other:
                guard scanner.skipValue(depth: 4) else { return false }
            }
        }
        guard let type else { return true }
        return choices.add(type: type, brokenDown: brokenDown, value: value)
    }

    /// The value the scanner stands at read as ``ExactDecimal/parse(_:)-(JSONValue)`` reads it, from the bytes (no
    /// `String` for a plain string or a number): `.some(nil)` when it is no exact number, nil when unsure.
    private static func readDecimal(_ scanner: inout CanonicalScanner) -> ExactDecimal?? {
        guard let byte = scanner.nextByte else { return nil }
        switch byte {
        case UInt8(ascii: "\""):
            switch scanner.readStringBytes() {
            case .plain(let bytes): return .some(ExactDecimal.parse(bytes: bytes))
            case .decoded(let text): return .some(ExactDecimal.parse(text))
            case nil: return nil
            }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let lexeme = scanner.readNumberBytes() else { return nil }
            return .some(ExactDecimal.parse(bytes: lexeme))
        default:
            // Any other value is no number.
            guard scanner.readScalarOrPlaceholder() != nil else { return nil }
            return .some(nil)
        }
    }

    /// The index in ``ActionTypeList/used`` of the type a string names, nil for any other text.
    private static func usedActionType(_ text: CanonicalScanner.StringBytes) -> Int? {
        switch text {
        case .plain(let bytes):
            for (index, type) in ActionTypeList.used.enumerated() where type.utf8CodeUnitCount == bytes.count {
                if CanonicalScanner.equal(bytes, type) { return index }
            }
            return nil
        case .decoded(let string):
            return ActionTypeList.used.firstIndex { $0.description == string }
        }
    }

    /// How `readAction` treats an action-list entry's key.
    private enum EntryKey {
        case actionType, value, breakdown, other

        /// By the key's length first: most keys then cost one comparison.
        init(_ key: UnsafeBufferPointer<UInt8>) {
            switch key.count {
            case 5: self = CanonicalScanner.equal(key, "value") ? .value : .other
            case 11 where CanonicalScanner.equal(key, "action_type"): self = .actionType
            case 7...:
                let prefix = CanonicalScanner.equal(UnsafeBufferPointer(rebasing: key[..<7]), "action_")
                self = prefix ? .breakdown : .other
            default: self = .other
            }
        }
    }
}
