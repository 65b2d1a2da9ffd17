import Ledger

extension Statement: ResultRow {
    var cellCount: Int { columnCount }

    func withCell<R>(at index: Int, _ body: (ResultCell) -> R) -> R {
        switch columnType(at: index) {
        case .null: body(.null)
        case .integer: body(.integer(int64(at: index)))
        case .real: body(.real(double(at: index)))
        case .text, .blob: withBytes(at: index) { body(.bytes($0)) }
        }
    }
}
