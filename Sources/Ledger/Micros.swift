/// `CAST(round(x * 1000000) AS INTEGER)` — how the summaries store money — computed in Swift exactly as SQLite
/// computes it, so ``SummaryBatch`` (ingest) and ``SummaryBuild`` (rebuild, verify) write the rows the SQL would.
enum Micros {
    /// Beyond this magnitude SQLite's `round` leaves a double as it is (2^52), and `r + 0.5` is no longer exact.
    private static let exactLimit = 4_503_599_627_370_496.0

    /// The micros of a REAL `x`: the product in double precision, rounded half away from zero by `(i64)(r + 0.5)`
    /// (`(i64)(r - 0.5)` below zero) on the double; nil when the product is not below 2^52 in magnitude (or not
    /// finite), where the SQL must compute it.
    static func of(_ value: Double) -> Int64? {
        let product = value * 1_000_000
        guard product.isFinite, abs(product) < exactLimit else { return nil }
        return Int64((product + (product < 0 ? -0.5 : 0.5)).rounded(.towardZero))
    }

    /// The micros of an INTEGER `x`: the exact product, when it is below 2^52 in magnitude (where SQLite's integer
    /// product, made a double by `round`, stays exact); else nil.
    static func of(_ value: Int64) -> Int64? {
        let (product, overflow) = value.multipliedReportingOverflow(by: 1_000_000)
        guard !overflow, abs(Double(product)) < exactLimit else { return nil }
        return product
    }
}
