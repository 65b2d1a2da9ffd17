import Ledger

extension Array: ResultRow where Element == SQLValue {
    var cellCount: Int { count }

    func withCell<R>(at index: Int, _ body: (ResultCell) -> R) -> R {
        switch self[index] {
        case .null: body(.null)
        case .integer(let i): body(.integer(i))
        case .real(let d): body(.real(d))
        case .text(var s): s.withUTF8 { body(.bytes(UnsafeRawBufferPointer($0))) }
        case .blob(let b): b.withUnsafeBytes { body(.bytes($0)) }
        }
    }
}
