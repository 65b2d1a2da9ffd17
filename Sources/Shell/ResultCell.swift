/// One cell of a result row as the renderer reads it. Text and blob bytes point into the row's storage
/// and are valid only inside ``ResultRow/withCell(at:_:)``.
enum ResultCell {
    case null
    case integer(Int64)
    case real(Double)
    /// A text or blob value: its bytes, UTF-8 as stored (not yet checked).
    case bytes(UnsafeRawBufferPointer)
    /// A number already written as text (ASCII digits, sign, point), shown as is and aligned as a number.
    case numberText(UnsafeRawBufferPointer)
}
