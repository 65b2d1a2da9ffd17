/// A fault waiting for matching requests, with how many more times it fires.
struct StandInScheduledFault: Sendable {
    /// Which requests it applies to.
    let trigger: StandInTrigger
    /// What it does.
    let fault: StandInFault
    /// How many more matching requests it fires on.
    var remaining: Int

    /// Whether request `number` (`method`, `path`, with/without a cursor) matches the trigger.
    func matches(number: Int, method: String, path: String, followsNext: Bool) -> Bool {
        guard remaining > 0 else { return false }
        switch trigger {
        case .any: return true
        case .request(let wanted): return number == wanted
        case .path(let text): return path.contains(text)
        case .nextPage(let text): return followsNext && path.contains(text)
        case .post(let text): return method == "POST" && path.contains(text)
        }
    }
}
