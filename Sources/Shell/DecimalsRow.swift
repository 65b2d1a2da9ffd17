import Foundation
import Ledger

/// A row whose REAL cells are shown with a fixed number of decimals (``ResultRenderer/decimals``): money in
/// its currency's minor unit in a report's table. Other cells read as the values themselves.
struct DecimalsRow: ResultRow {
    let values: [SQLValue]
    let decimals: ([SQLValue], Int) -> Int?

    var cellCount: Int { values.count }

    func withCell<R>(at index: Int, _ body: (ResultCell) -> R) -> R {
        guard case .real(let number) = values[index], number.isFinite, let places = decimals(values, index) else {
            return values.withCell(at: index, body)
        }
        var text = String(format: "%.\(places)f", number)
        return text.withUTF8 { body(.numberText(UnsafeRawBufferPointer($0))) }
    }
}
