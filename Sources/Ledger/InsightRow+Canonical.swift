import JSON
import Normalization

extension InsightRow {
    /// The identity of a row given as its canonical JSON, read with no tree (``InsightRowKeys``): the identity
    /// ``init(_:account:locator:pageAccount:)`` finds for the parsed row. Nil when the scanner is unsure of the bytes
    /// or the row has a problem: the caller parses it, and the tree's reading names the problem.
    init?(canonical row: UnsafeBufferPointer<UInt8>, account: String?, pageAccount: String?) {
        guard let keys = InsightRowKeys.read(row: row) else { return nil }
        self.init(keys: keys, account: account, pageAccount: pageAccount)
    }

    /// The identity of a row from its keys, as ``init(canonical:account:pageAccount:)`` reads it.
    init?(keys: InsightRowKeys, account: String?, pageAccount: String?) {
        guard case .text(let adId) = keys.adId, !adId.isEmpty, adId.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return nil }
        guard case .text(let date) = keys.dateStart, CalendarDate.isValid(date) else { return nil }
        switch keys.dateStop {
        case .absent: break
        case .text(let stop) where stop == date: break
        default: return nil
        }
        let resolved: String
        switch (account, keys.accountId) {
        case (let given?, .text(let fromRow)):
            guard AccountId.normalize(fromRow) == given else { return nil }
            resolved = given
        case (let given?, .absent): resolved = given
        case (nil, .text(let fromRow)):
            guard let normalized = AccountId.normalize(fromRow) else { return nil }
            resolved = normalized
        case (nil, .absent):
            guard let pageAccount else { return nil }
            resolved = pageAccount
        case (_, .other): return nil
        }
        self.init(accountId: resolved, adId: adId, date: date, breakdown: keys.breakdown.sorted())
    }

    /// The canonical JSON of the `insight.fetched` payload of the row whose canonical JSON is `row`: what
    /// `event(of:runId:)`'s payload's ``JSONValue/canonicalBytes`` gives.
    func canonicalPayload(row: [UInt8]) -> [UInt8] {
        // Keys in byte order: `account_id` before `row`. Sized once: growing it copied the row's kilobyte or two
        // again on every row an ingest prepares.
        let (head, middle) = (#"{"account_id":"#.utf8, #","row":"#.utf8)
        let account = JSONValue.string(accountId).canonicalBytes
        var bytes: [UInt8] = []
        bytes.reserveCapacity(head.count + account.count + middle.count + row.count + 1)
        bytes.append(contentsOf: head)
        bytes.append(contentsOf: account)
        bytes.append(contentsOf: middle)
        bytes.append(contentsOf: row)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}
