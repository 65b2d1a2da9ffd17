import Foundation
import MetaGraph

/// The attribution a sync asks Meta for: explicit action attribution windows, or the ad account's own setting.
/// Its ``text`` is what `sync.started` records and each row's `attribution` column holds.
public enum AttributionSetting: Sendable, Equatable {
    /// `action_attribution_windows`, in the order given.
    case windows([String])
    /// `use_account_attribution_setting=true`: the account's own setting (Ads Manager's).
    case accountSetting

    /// The setting used when none is given: 7-day click and 1-day view.
    public static let `default` = AttributionSetting.windows(["7d_click", "1d_view"])
    /// Windows Meta still returns (GRAPH-API.md §1).
    public static let supportedWindows = ["1d_click", "7d_click", "28d_click", "1d_ev", "1d_view"]
    /// Windows Meta stopped returning on 2026-01-12.
    public static let removedWindows = ["7d_view", "28d_view"]
    /// The ``text`` of ``accountSetting``.
    public static let accountSettingText = "account_setting"

    /// Parses `--attribution-windows` (`7d_click,1d_view`): each window once, every one supported.
    public init(windowList: String) throws(SyncError) {
        var windows: [String] = []
        for part in windowList.split(separator: ",") {
            let window = part.trimmingCharacters(in: .whitespaces)
            if Self.removedWindows.contains(window) { throw .removedAttributionWindow(window) }
            guard Self.supportedWindows.contains(window) else { throw .unknownAttributionWindow(window) }
            if !windows.contains(window) { windows.append(window) }
        }
        guard !windows.isEmpty else { throw .unknownAttributionWindow(windowList) }
        self = .windows(windows)
    }

    /// `7d_click,1d_view`, or `account_setting`.
    public var text: String {
        switch self {
        case .windows(let windows): windows.joined(separator: ",")
        case .accountSetting: Self.accountSettingText
        }
    }

    /// Sets the Graph request parameters for this setting.
    func apply(to graph: inout GraphConfiguration) {
        switch self {
        case .windows(let windows):
            graph.actionAttributionWindows = windows
            graph.useAccountAttributionSetting = false
        case .accountSetting:
            graph.actionAttributionWindows = []
            graph.useAccountAttributionSetting = true
        }
    }

    /// The setting a Graph configuration asks for.
    init(_ graph: GraphConfiguration) {
        self = graph.useAccountAttributionSetting ? .accountSetting : .windows(graph.actionAttributionWindows)
    }
}
