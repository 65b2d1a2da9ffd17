/// Text collected in pieces.
final class TextBuffer {
    private(set) var value = ""

    func append(_ text: String) { value += text }
}
