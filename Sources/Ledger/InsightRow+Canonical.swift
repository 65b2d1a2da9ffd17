import JSON
import Normalization

extension InsightRow {
    /// The identity of a row given as its canonical JSON, read with no tree (``CanonicalScanner``): the identity
    /// ``init(_:account:locator:pageAccount:)`` finds for the parsed row. Nil when the scanner is unsure of the bytes
    /// or the row has a problem: the caller parses it, and the tree's reading names the problem.
    init?(canonical row: UnsafeBufferPointer<UInt8>, account: String?, pageAccount: String?) {
        var scanner = CanonicalScanner(row)
        guard scanner.enterObject() else { return nil }
        var cursor = CanonicalScanner.ObjectCursor()
        var adId: String?
        var date: String?
        var stop: String?
        var rowAccount: String?
        var breakdown: [String] = []
        while true {
            guard let step = scanner.nextKey(&cursor) else { return nil }
            guard case .key(let keyBytes) = step else { break }
            if CanonicalScanner.equal(keyBytes, "ad_id") {
                guard let text = Self.scalarText(&scanner) else { return nil }
                adId = text
            } else if CanonicalScanner.equal(keyBytes, "date_start") {
                guard case .string(let text)? = scanner.readScalarOrPlaceholder() else { return nil }
                date = text
            } else if CanonicalScanner.equal(keyBytes, "date_stop") {
                guard case .string(let text)? = scanner.readScalarOrPlaceholder() else { return nil }
                stop = text
            } else if CanonicalScanner.equal(keyBytes, "account_id") {
                guard let text = Self.scalarText(&scanner) else { return nil }
                rowAccount = text
            } else {
                guard Self.isBreakdownKey(utf8: keyBytes) else {
                    guard scanner.skipValue() else { return nil }
                    continue
                }
                let key = String(decoding: keyBytes, as: UTF8.self)
                // As the tree gives it: a string's or number's text, else the value's canonical text.
                let start = scanner.index
                let text: String
                if Self.startsScalarText(scanner.nextByte) {
                    guard let value = scanner.readScalarOrPlaceholder()?.scalarText else { return nil }
                    text = value
                } else {
                    guard scanner.skipValue() else { return nil }
                    text = String(decoding: UnsafeBufferPointer(rebasing: row[start..<scanner.index]), as: UTF8.self)
                }
                breakdown.append("\(key)=\(text)")
            }
        }
        guard scanner.isAtEnd else { return nil }
        guard let adId, !adId.isEmpty, adId.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        guard let date, CalendarDate.isValid(date), stop == nil || stop == date else { return nil }
        let resolved: String
        switch (account, rowAccount) {
        case (let given?, let fromRow?):
            guard AccountId.normalize(fromRow) == given else { return nil }
            resolved = given
        case (let given?, nil): resolved = given
        case (nil, let fromRow?):
            guard let normalized = AccountId.normalize(fromRow) else { return nil }
            resolved = normalized
        case (nil, nil):
            guard let pageAccount else { return nil }
            resolved = pageAccount
        }
        self.init(accountId: resolved, adId: adId, date: date, breakdown: breakdown.sorted())
    }

    /// A string's or number's text; nil for any other value (or when unsure).
    private static func scalarText(_ scanner: inout CanonicalScanner) -> String? {
        startsScalarText(scanner.nextByte) ? scanner.readScalarOrPlaceholder()?.scalarText : nil
    }

    /// Whether a value starting with `byte` is a string or a number.
    private static func startsScalarText(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte)
    }

    /// The canonical JSON of the `insight.fetched` payload of the row whose canonical JSON is `row`: what
    /// `event(of:runId:)`'s payload's ``JSONValue/canonicalBytes`` gives.
    func canonicalPayload(row: [UInt8]) -> [UInt8] {
        // Keys in byte order: `account_id` before `row`.
        var bytes = Array(#"{"account_id":"#.utf8)
        bytes += JSONValue.string(accountId).canonicalBytes
        bytes += Array(#","row":"#.utf8)
        bytes += row
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}
