import TestSupport

/// Generators of matching test data on the shared seeded generator.
extension SplitMix64 {
    /// `count` random lower-case hex digits.
    mutating func hex(_ count: Int) -> String {
        String((0..<count).map { _ in Array("0123456789abcdef")[Int(next() % 16)] })
    }

    /// A random canonical lower-case UUID.
    mutating func uuid() -> String {
        "\(hex(8))-\(hex(4))-4\(hex(3))-8\(hex(3))-\(hex(12))"
    }

    /// A random element of `items` (which must not be empty).
    mutating func pick<T>(_ items: [T]) -> T {
        items[Int(next() % UInt64(items.count))]
    }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: UInt64) -> Bool {
        next() % 100 < percent
    }
}
