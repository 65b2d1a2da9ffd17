import ArgumentParser
import Ledger

/// `--since`/`--until`: each a calendar day, `--since` not after `--until`; refused in one line before the
/// ledger is opened.
struct DayRangeOptions: ParsableArguments {
    @Option(help: "First day, YYYY-MM-DD.") var since: String?
    @Option(help: "Last day, YYYY-MM-DD.") var until: String?

    func validate() throws {
        try CalendarDay.checkRange(since: since, until: until)
    }
}
