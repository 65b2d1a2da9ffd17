/// One entry of the `x-business-use-case-usage` header: a use case's share of its hourly budget.
public struct BusinessUseCaseUsage: Sendable, Equatable {
    /// The object the budget belongs to (the bare ad account id, or a business id).
    public let businessId: String
    /// The use case, e.g. `ads_insights`, `ads_management`.
    public let type: String
    /// Percent of the call budget used.
    public let callCount: Double
    /// Percent of the CPU-time budget used.
    public let totalCPUTime: Double
    /// Percent of the total-time budget used.
    public let totalTime: Double
    /// Minutes until calls are allowed again (0 when not blocked).
    public let estimatedTimeToRegainAccess: Double

    /// Creates an entry.
    public init(
        businessId: String, type: String, callCount: Double, totalCPUTime: Double, totalTime: Double,
        estimatedTimeToRegainAccess: Double
    ) {
        self.businessId = businessId
        self.type = type
        self.callCount = callCount
        self.totalCPUTime = totalCPUTime
        self.totalTime = totalTime
        self.estimatedTimeToRegainAccess = estimatedTimeToRegainAccess
    }

    /// The largest of the three percentages.
    public var highestUtilization: Double { max(callCount, totalCPUTime, totalTime) }
}
