/// Text made safe for HTML and XML: the five special characters as entities, control characters (other than
/// tab and line breaks) as U+FFFD, so the page stays well-formed XHTML whatever the data holds.
enum HTMLText {
    private static let entities: [Unicode.Scalar: String] = [
        "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;",
    ]

    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let entity = entities[scalar] {
                out.append(contentsOf: entity.unicodeScalars)
            } else if (scalar.value < 0x20 && !["\t", "\n", "\r"].contains(scalar)) || scalar.value == 0x7F {
                out.append("\u{FFFD}")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
