/// Which groups `report` keeps after ordering: the first or the last N within each currency.
package enum ReportRank: Sendable, Hashable {
    case top(Int)
    case bottom(Int)

    /// How many groups are kept per currency.
    var count: Int {
        switch self {
        case .top(let n), .bottom(let n): n
        }
    }
}
