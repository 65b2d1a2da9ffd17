/// The usage percentages the stand-in reports in its headers on every response.
public struct StandInUsage: Sendable, Equatable {
    /// `x-app-usage` call_count / total_time / total_cputime.
    public var app: Double
    /// `x-ad-account-usage.acc_id_util_pct`.
    public var account: Double
    /// `x-business-use-case-usage` call_count / total_cputime / total_time.
    public var businessUseCase: Double
    /// `x-fb-ads-insights-throttle` app_id_util_pct / acc_id_util_pct.
    public var insights: Double

    /// Creates usage values (percent).
    public init(app: Double = 4, account: Double = 3.5, businessUseCase: Double = 2, insights: Double = 0.5) {
        self.app = app
        self.account = account
        self.businessUseCase = businessUseCase
        self.insights = insights
    }
}
