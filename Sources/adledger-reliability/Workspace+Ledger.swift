import Foundation

extension Workspace {
    /// The ad-days (`meta_ad_id|date`) with an `insight.fetched` event.
    func committedAdDays(_ db: String) throws -> Set<String> {
        Set(try query(db, "SELECT stream FROM events WHERE kind = 'insight.fetched'").compactMap { stream in
            let parts = stream.split(separator: ":")
            return parts.count == 3 ? "\(parts[1])|\(parts[2])" : nil
        })
    }

    /// Events of `before` (a `chain`) that `after` no longer holds at the same place: changed or vanished.
    static func eventsLost(before: [String], after: [String]) -> Int {
        before.count - zip(before, after).filter { $0 == $1 }.count
    }

    /// Insight events beyond one per ad-day (there are no restatements in these scenarios).
    func duplicateInsights(_ db: String) throws -> Int {
        try count(db, "SELECT count(*) - count(DISTINCT stream) FROM events WHERE kind = 'insight.fetched'")
    }
}
