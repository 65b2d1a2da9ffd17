import ArgumentParser

/// `--format text|json` of `status`, `verify` and `rebuild`: lines for people, one JSON object for scripts.
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
