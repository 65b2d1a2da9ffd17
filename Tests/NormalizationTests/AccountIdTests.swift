import Normalization
import Testing

@Suite struct AccountIdTests {
    @Test(arguments: [
        ("act_1234567890", "act_1234567890"),
        ("1234567890", "act_1234567890"),
        ("act_10152437784203995", "act_10152437784203995"),
        ("0", "act_0"),
        // The largest 64-bit id: 20 digits is the limit.
        ("18446744073709551615", "act_18446744073709551615"),
        ("act_99999999999999999999", "act_99999999999999999999"),
    ])
    func acceptsActDigitsOrDigits(text: String, expected: String) {
        #expect(AccountId.normalize(text) == expected)
    }

    @Test(arguments: [
        "", "act_", "act", "act_12a", "act_-1", "-1", "+1", " 1", "1 ", "act__1", "ACT_1", "act 1", "act_1/2",
        "act_../../etc", "１２３", "act_１２３", "1.0", "1e5",
        // 21 digits: longer than any 64-bit id.
        "123456789012345678901", "act_123456789012345678901",
        "1234567890123456789012345678901234567890",
    ])
    func refusesEverythingElse(text: String) {
        #expect(AccountId.normalize(text) == nil)
    }

    @Test func normalizingIsIdempotent() throws {
        let once = try #require(AccountId.normalize("42"))
        #expect(AccountId.normalize(once) == once)
    }
}
