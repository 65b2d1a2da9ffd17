extension Environment {
    /// True when the locale (LC_ALL, else LC_CTYPE, else LANG) names UTF-8, so block characters can be drawn.
    static var isUTF8Locale: Bool {
        guard let locale = value("LC_ALL") ?? value("LC_CTYPE") ?? value("LANG") else { return false }
        let name = locale.lowercased()
        return name.contains("utf-8") || name.contains("utf8")
    }
}
