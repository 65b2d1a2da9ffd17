/// One dot-command as `.help` lists it and tab completion knows it.
struct DotCommandSpec: Sendable {
    /// What the arguments are, for completion.
    enum Arguments: Sendable {
        case none, onOff, mode, table, file, time, eventKind, parameter, command
    }

    let name: String
    let usage: String
    let summary: String
    let arguments: Arguments

    /// Every dot-command, in `.help` order.
    static let all: [DotCommandSpec] = [
        DotCommandSpec(
            name: "help", usage: "[COMMAND]", summary: "show this list, or one command's usage", arguments: .command),
        DotCommandSpec(
            name: "tables", usage: "[PATTERN]", summary: "list tables and views (LIKE pattern)", arguments: .none),
        DotCommandSpec(name: "schema", usage: "[TABLE]", summary: "show CREATE statements", arguments: .table),
        DotCommandSpec(
            name: "mode", usage: "table|csv|json|markdown|line", summary: "how results are printed", arguments: .mode),
        DotCommandSpec(name: "headers", usage: "on|off", summary: "column names above results", arguments: .onOff),
        DotCommandSpec(
            name: "timer", usage: "on|off", summary: "print the time each statement took", arguments: .onOff),
        DotCommandSpec(name: "nullvalue", usage: "TEXT", summary: "how NULL is shown", arguments: .none),
        DotCommandSpec(
            name: "pager", usage: "on|off", summary: "page results taller than the screen ($PAGER, default less -FRX)",
            arguments: .onOff),
        DotCommandSpec(
            name: "output", usage: "[FILE]", summary: "write results to FILE (no FILE: back to the screen)",
            arguments: .file),
        DotCommandSpec(name: "once", usage: "FILE", summary: "write the next result to FILE", arguments: .file),
        DotCommandSpec(
            name: "read", usage: "FILE", summary: "run the statements and commands in FILE", arguments: .file),
        DotCommandSpec(name: "bail", usage: "on|off", summary: "stop a script at the first error", arguments: .onOff),
        DotCommandSpec(
            name: "param", usage: "set NAME VALUE | unset NAME | list | clear", summary: "values bound as :NAME",
            arguments: .parameter),
        DotCommandSpec(
            name: "asof", usage: "TIME|off", summary: "answer every query as the ledger knew it at TIME",
            arguments: .time),
        DotCommandSpec(
            name: "history", usage: "META_AD_ID [DATE]",
            summary: "every fetched version of an ad's days, with what changed", arguments: .none),
        DotCommandSpec(
            name: "spark", usage: "SQL-RETURNING-ONE-NUMBER-COLUMN",
            summary: "a sparkline of a query's one number column, in row order",
            arguments: .none),
        DotCommandSpec(
            name: "events", usage: "[KIND] [N]", summary: "the last N events (default 20), optionally of one kind",
            arguments: .eventKind),
        DotCommandSpec(
            name: "accounts", usage: "", summary: "ad accounts and the brands linked to them", arguments: .none),
        DotCommandSpec(name: "brands", usage: "", summary: "brand-to-account links", arguments: .none),
        DotCommandSpec(
            name: "status", usage: "", summary: "events, last syncs, normalizer version, projection state",
            arguments: .none),
        DotCommandSpec(
            name: "quit", usage: "", summary: "leave the shell (also .exit [CODE], Ctrl-D)", arguments: .none),
        DotCommandSpec(name: "exit", usage: "[CODE]", summary: "leave the shell with an exit status", arguments: .none),
    ]

    /// The command called `name`, if any.
    static func named(_ name: String) -> DotCommandSpec? { all.first { $0.name == name } }
}
