/// A row of eight-level bars drawing a series in one line of text: `▁▂▃▄▅▆▇█`, or `_.-~=+*#` where the
/// terminal is not UTF-8. A missing value is a space.
package enum Sparkline {
    /// The Unicode levels, lowest first.
    package static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// The ASCII levels, lowest first.
    package static let asciiLevels: [Character] = ["_", ".", "-", "~", "=", "+", "*", "#"]

    /// Draws `values` scaled from their minimum (lowest bar) to their maximum (highest bar); equal values draw
    /// the lowest bar.
    package static func draw(_ values: [Double?], ascii: Bool = false) -> String {
        let levels = ascii ? asciiLevels : blocks
        let present = values.compactMap { $0 }.filter(\.isFinite)
        guard let low = present.min(), let high = present.max() else {
            return String(repeating: " ", count: values.count)
        }
        let span = high - low
        return String(
            values.map { value -> Character in
                guard let value, value.isFinite else { return " " }
                guard span > 0 else { return levels[0] }
                let level = Int(((value - low) / span * Double(levels.count - 1)).rounded())
                return levels[min(max(level, 0), levels.count - 1)]
            })
    }
}
