import JSON

/// What a row's top-level keys say, read from its canonical JSON in one pass with no tree (``CanonicalScanner``):
/// the values that identify an insight row (its ad, day, account and breakdown) and the keys that tell a plain row
/// from an error, a nested page, an ads-edge element or a bare `{"id": …}`.
///
/// A page reader reads these from the members its rewriter outlined (``read(members:bytes:)``), so the row's identity
/// costs no second scan.
package struct InsightRowKeys: Sendable, Equatable {
    /// An identifying key's value as the identity reads it.
    package enum Value: Sendable, Equatable {
        /// The row has no such key.
        case absent
        /// A string's text (or, where a number is allowed, its lexeme).
        case text(String)
        /// A value of another kind: the identity is read from the parsed row, which names the problem.
        case other
    }

    /// Breakdown columns Meta can add to a row; each splits an ad-day into parts.
    package static let breakdownKeys: [String] = [
        "age", "gender", "country", "region", "dma", "comscore_market", "publisher_platform", "platform_position",
        "impression_device", "device_platform", "product_id", "frequency_value", "place_page_id",
        "hourly_stats_aggregated_by_advertiser_time_zone", "hourly_stats_aggregated_by_audience_time_zone",
        "body_asset", "call_to_action_asset", "description_asset", "image_asset", "link_url_asset", "title_asset",
        "video_asset", "ad_format_asset", "media_asset",
    ]

    /// `ad_id`: a string's or a number's text.
    package private(set) var adId: Value = .absent
    /// `date_start`: a string's text.
    package private(set) var dateStart: Value = .absent
    /// `date_stop`: a string's text.
    package private(set) var dateStop: Value = .absent
    /// `account_id`: a string's or a number's text.
    package private(set) var accountId: Value = .absent
    /// `key=value` per breakdown key present, in key order; the value is a string's or number's text, else the
    /// value's canonical JSON.
    package private(set) var breakdown: [String] = []
    private var error = false
    private var data = false
    private var insights = false
    private var id = false
    private var hasAdId = false
    private var hasDateStart = false
    private var count = 0

    /// Whether a page reader takes the row as it is: an object with no `error`, `data` or `insights` that is not
    /// just `{"id": …}` (an ad with no data in the range).
    package var isPlainRow: Bool { !error && !data && !insights && !isBareObject }

    /// An ad with no data in the range, which comes back as just `{"id": …}` (and is skipped).
    package var isBareObject: Bool { id && !hasAdId && !hasDateStart && count <= 2 }

    /// Whether the object has an `error` member.
    package var hasError: Bool { error }

    /// Notes a key whose value the caller reads or passes over itself: it counts for ``isPlainRow`` and
    /// ``hasError``, and the identifying values stay unread (`.absent`).
    package mutating func note(_ key: UnsafeBufferPointer<UInt8>) { note(Self.name(of: key)) }

    private mutating func note(_ name: Name?) {
        count += 1
        switch name {
        case .error: error = true
        case .data: data = true
        case .insights: insights = true
        case .id: id = true
        case .adId: hasAdId = true
        case .dateStart: hasDateStart = true
        case .dateStop, .accountId, nil: break
        }
    }

    /// The keys a row's reading looks for.
    private enum Name {
        case error, data, insights, id, adId, dateStart, dateStop, accountId
    }

    /// Which of the keys looked for `key` is, if any: by its length first, so most keys cost one comparison.
    private static func name(of key: UnsafeBufferPointer<UInt8>) -> Name? {
        switch key.count {
        case 2: return CanonicalScanner.equal(key, "id") ? .id : nil
        case 4: return CanonicalScanner.equal(key, "data") ? .data : nil
        case 5:
            if CanonicalScanner.equal(key, "ad_id") { return .adId }
            return CanonicalScanner.equal(key, "error") ? .error : nil
        case 8: return CanonicalScanner.equal(key, "insights") ? .insights : nil
        case 9: return CanonicalScanner.equal(key, "date_stop") ? .dateStop : nil
        case 10:
            if CanonicalScanner.equal(key, "date_start") { return .dateStart }
            return CanonicalScanner.equal(key, "account_id") ? .accountId : nil
        default: return nil
        }
    }

    package init() {}

    /// The keys of an object whose members are `members` (in key order, as ranges of `bytes`, which are known to be
    /// canonical: a ``CanonicalOutline``'s), reading only the values kept; nil when unsure of one.
    package static func read(members: ArraySlice<CanonicalOutline.Member>, bytes: UnsafeBufferPointer<UInt8>)
        -> InsightRowKeys?
    {
        var keys = InsightRowKeys()
        for member in members {
            let key = UnsafeBufferPointer(rebasing: bytes[member.key])
            let name = Self.name(of: key)
            keys.note(name)
            guard keeps(name, key: key) else { continue }
            let value = UnsafeBufferPointer(rebasing: bytes[member.value])
            var scanner = CanonicalScanner(value, known: true)
            guard keys.take(name, key: key, from: &scanner, bytes: value, depth: 2), scanner.isAtEnd else { return nil }
        }
        return keys
    }

    /// Whether the value of member `key` (`name`, if it is one looked for) is kept: an identifying one or a breakdown.
    private static func keeps(_ name: Name?, key: UnsafeBufferPointer<UInt8>) -> Bool {
        switch name {
        case .adId, .dateStart, .dateStop, .accountId: true
        default: isBreakdownKey(utf8: key)
        }
    }

    /// Reads the value of member `key` (`name`, if it is one looked for), which the scanner over `bytes` stands at,
    /// `depth` levels inside them, when it is kept (``keeps(_:key:)``); else passes over it. False when unsure.
    private mutating func take(
        _ name: Name?, key: UnsafeBufferPointer<UInt8>, from scanner: inout CanonicalScanner,
        bytes: UnsafeBufferPointer<UInt8>, depth: Int
    ) -> Bool {
        switch name {
        case .adId:
            guard let value = Self.scalarText(&scanner, depth: depth) else { return false }
            adId = value
        case .dateStart:
            guard let value = Self.stringText(&scanner, depth: depth) else { return false }
            dateStart = value
        case .dateStop:
            guard let value = Self.stringText(&scanner, depth: depth) else { return false }
            dateStop = value
        case .accountId:
            guard let value = Self.scalarText(&scanner, depth: depth) else { return false }
            accountId = value
        default:
            guard Self.isBreakdownKey(utf8: key) else { return scanner.skipValue(depth: depth) }
            let start = scanner.index
            let text: String
            if Self.startsScalarText(scanner.nextByte) {
                guard let value = scanner.readScalarOrPlaceholder()?.scalarText else { return false }
                text = value
            } else {
                guard scanner.skipValue(depth: depth) else { return false }
                text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<scanner.index]), as: UTF8.self)
            }
            breakdown.append(String(decoding: key, as: UTF8.self) + "=" + text)
        }
        return true
    }

    /// The keys of a whole canonical `row`, read in one pass; nil when it is not an object or the scanner is unsure
    /// of it. `known`: the bytes are known to be canonical (``CanonicalScanner/init(_:known:)``), so the members
    /// passed over are only skipped, not checked again.
    package static func read(row: UnsafeBufferPointer<UInt8>, known: Bool = false) -> InsightRowKeys? {
        var scanner = CanonicalScanner(row, known: known)
        guard scanner.enterObject() else { return nil }
        var keys = InsightRowKeys()
        var cursor = CanonicalScanner.ObjectCursor()
        while true {
            guard let step = scanner.nextKey(&cursor) else { return nil }
            guard case .key(let key) = step else { return scanner.isAtEnd ? keys : nil }
            let name = Self.name(of: key)
            keys.note(name)
            guard keys.take(name, key: key, from: &scanner, bytes: row, depth: 2) else { return nil }
        }
    }

    /// A string's or number's text, `.other` for any other value (passed over); nil when unsure.
    private static func scalarText(_ scanner: inout CanonicalScanner, depth: Int) -> Value? {
        guard startsScalarText(scanner.nextByte) else { return scanner.skipValue(depth: depth) ? .other : nil }
        return scanner.readScalarOrPlaceholder()?.scalarText.map(Value.text)
    }

    /// A string's text, `.other` for any other value (passed over); nil when unsure.
    private static func stringText(_ scanner: inout CanonicalScanner, depth: Int) -> Value? {
        guard scanner.nextByte == UInt8(ascii: "\"") else { return scanner.skipValue(depth: depth) ? .other : nil }
        return scanner.readString().map(Value.text)
    }

    /// Whether a value starting with `byte` is a string or a number.
    private static func startsScalarText(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte)
    }

    /// Breakdown keys by UTF-8 length (the array's index): most row keys are ruled out by length and first byte
    /// alone, with no hashing.
    private static let breakdownKeysByLength: [[String]] = {
        var byLength = [[String]](repeating: [], count: (breakdownKeys.map(\.utf8.count).max() ?? 0) + 1)
        for key in breakdownKeys { byLength[key.utf8.count].append(key) }
        return byLength
    }()

    /// Whether a key spelled as plain ASCII bytes is a breakdown key (no string is made unless it may be one).
    package static func isBreakdownKey(utf8 key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count < breakdownKeysByLength.count, let first = key.first else { return false }
        return breakdownKeysByLength[key.count].contains { candidate in
            candidate.utf8.first == first && candidate.utf8.elementsEqual(key)
        }
    }
}
