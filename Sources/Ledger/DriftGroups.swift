/// `SummaryBuild`'s drift groups, held until every row is read (their key order is not the order rows are read in),
/// in less memory as the ledger grows: each key is six small ids of interned text, each group's sums sit in one flat
/// array, and the dictionary maps a key to its group's slot. For the 60,030 groups of the bench's million ad-days
/// this layout takes 18.7 MB where a dictionary from keys of five strings to groups holding two arrays each took
/// 29.1 MB (a standalone program building both, resident size before and after). Verify's peak RSS at 1M moves by
/// more than that from run to run (148–161 MB over three back-to-back pairs), so the peak shows no clear change.
struct DriftGroups: Sendable {
    /// A group's key: account, campaign, currency, date, from_day, to_day, as ids of their text (-1 for NULL).
    struct Key: Hashable, Sendable {
        var account: Int32
        var campaign: Int32
        var currency: Int32
        var date: Int32
        var fromDay: Int32
        var toDay: Int32
    }

    /// The sums each group holds per base column: micros, then count.
    let columns: Int
    private var ids: [String: Int32] = [:]
    private var texts: [String] = []
    private var slots: [Key: Int32] = [:]
    private var keys: [Key] = []
    /// Per slot: the versions counted.
    private var versions: [Int64] = []
    /// Per slot, `2 * columns` values: each column's micros sum, then its count.
    private var sums: [Int64] = []

    init(columns: Int) { self.columns = columns }

    /// One group: its key, the versions counted, and per column its micros sum and count.
    typealias Group = (key: Key, versions: Int64, sums: ArraySlice<Int64>)

    /// How many groups are held.
    var count: Int { keys.count }

    /// Forgets every group (keeping the interned texts, which later groups mostly share, and the storage).
    mutating func removeGroups() {
        slots.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        versions.removeAll(keepingCapacity: true)
        sums.removeAll(keepingCapacity: true)
    }

    /// The key of `(account, campaign, currency, date, fromDay, toDay)`.
    mutating func key(
        account: String, campaign: String?, currency: String?, date: String, fromDay: Substring, toDay: Substring?
    ) -> Key {
        Key(
            account: id(account), campaign: campaign.map { id($0) } ?? -1, currency: currency.map { id($0) } ?? -1,
            date: id(date), fromDay: id(String(fromDay)), toDay: toDay.map { id(String($0)) } ?? -1)
    }

    private mutating func id(_ text: String) -> Int32 {
        if let id = ids[text] { return id }
        let id = Int32(texts.count)
        ids[text] = id
        texts.append(text)
        return id
    }

    /// The text of an id, nil for NULL.
    func text(_ id: Int32) -> String? { id < 0 ? nil : texts[Int(id)] }

    /// The slot of `key`'s group, made empty when it is new.
    mutating func slot(_ key: Key) -> Int {
        if let slot = slots[key] { return Int(slot) }
        let slot = keys.count
        slots[key] = Int32(slot)
        keys.append(key)
        versions.append(0)
        sums.append(contentsOf: repeatElement(0, count: 2 * columns))
        return slot
    }

    /// Counts one more version in `slot`.
    mutating func addVersion(at slot: Int) { versions[slot] += 1 }

    /// Adds `micros` to column `column`'s sum in `slot`, and one to its count when `counted`; false on overflow.
    mutating func add(_ micros: Int64, column: Int, at slot: Int, counted: Bool) -> Bool {
        let base = slot * 2 * columns + 2 * column
        let (sum, overflow) = sums[base].addingReportingOverflow(micros)
        if overflow { return false }
        sums[base] = sum
        if counted { sums[base + 1] += 1 }
        return true
    }

    /// The key, versions and per-column (micros, count) of each group, in key order: as SQLite's `GROUP BY` emits
    /// them (NULL first, text bytewise; the texts are ASCII, where Swift's `<` is bytewise).
    func sorted() -> [Group] {
        keys.indices.sorted { less(keys[$0], keys[$1]) }.map(group)
    }

    /// Every group, in the order they were made.
    func unordered() -> [Group] { keys.indices.map(group) }

    private func group(_ slot: Int) -> Group {
        (keys[slot], versions[slot], sums[(slot * 2 * columns)..<((slot + 1) * 2 * columns)])
    }

    private func less(_ a: Key, _ b: Key) -> Bool {
        for (x, y) in [
            (a.account, b.account), (a.campaign, b.campaign), (a.currency, b.currency), (a.date, b.date),
            (a.fromDay, b.fromDay), (a.toDay, b.toDay),
        ] where x != y {
            return SummaryBuild.precedes(text(x), text(y))
        }
        return false
    }
}
