/// Why the campaign itself (not the system under test) could not run.
enum CampaignError: Error, CustomStringConvertible {
    case usage(String)
    case setup(String)

    var description: String {
        switch self {
        case .usage(let message): message.isEmpty ? CampaignOptions.usage : "\(message)\n\(CampaignOptions.usage)"
        case .setup(let message): "campaign setup failed: \(message)"
        }
    }
}
