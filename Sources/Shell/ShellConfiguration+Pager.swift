#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ShellConfiguration {
    /// The pager for ``pager``, chosen as git does from `environment` (the command line passes the
    /// process's): `PAGER` when it is set; none when it is empty or blank; when it is unset, `less -FRX`
    /// if `less` is on `PATH` and `TERM` names a terminal that can page (set, and not `dumb`).
    public static func pagerCommand(environment: [String: String]) -> String? {
        if let pager = environment["PAGER"] {
            return pager.allSatisfy(\.isWhitespace) ? nil : pager
        }
        guard let terminal = environment["TERM"], !terminal.isEmpty, terminal != "dumb" else { return nil }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard directories.contains(where: { access("\($0)/less", X_OK) == 0 }) else { return nil }
        return Pager.defaultCommand
    }
}
