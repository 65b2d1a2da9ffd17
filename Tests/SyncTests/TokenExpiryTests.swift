import Foundation
import Testing

@testable import Sync

@Suite struct TokenExpiryTests {
    static let now = Date(timeIntervalSince1970: 1_765_195_200)  // 2025-12-08T12:00:00Z

    @Test(arguments: [
        (nil, nil),
        (8 * 86_400.0, nil),
        (
            3 * 86_400.0,
            "Meta reports that the access token expires at 2025-12-11 12:00 UTC (in 3 days); get a new long-lived "
                + "or system-user token and set META_GRAPH_API_TOKEN before then"
        ),
        (
            5 * 3600.0,
            "Meta reports that the access token expires at 2025-12-08 17:00 UTC (in 5 h); get a new long-lived or "
                + "system-user token and set META_GRAPH_API_TOKEN before then"
        ),
        (
            -60.0,
            "Meta reports that the access token expired at 2025-12-08 11:59 UTC; get a new long-lived or "
                + "system-user token and set META_GRAPH_API_TOKEN"
        ),
    ] as [(Double?, String?)])
    func warnsOnlyWithinAWeek(secondsLeft: Double?, warning: String?) {
        let expiry = secondsLeft.map { Self.now.addingTimeInterval($0) }
        #expect(TokenExpiry.warning(expiresAt: expiry, now: Self.now) == warning)
    }
}
