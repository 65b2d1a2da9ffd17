import Testing

@testable import Ledger

#if os(Linux)
    import Glibc

    @Suite struct BackgroundTaskTests {
        private static func niceness() -> Int32 { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }

        @Test func aTaskThatYieldsCoresRunsAtAHigherNiceValueAndLeavesTheCallersAlone() {
            let before = Self.niceness()
            let task = BackgroundTask(label: "test.yielding", placeholder: Int32.min, yieldsCores: true) {
                Self.niceness()
            }
            // The kernel caps nice values at 19.
            #expect(task.wait() == min(before + BackgroundTask<Int32>.yieldingNiceness, 19))
            #expect(Self.niceness() == before)
        }

        @Test func bothKindsOfTaskReturnTheirResults() {
            let yielding = BackgroundTask(label: "test.yielding", placeholder: 0, yieldsCores: true) { 6 * 7 }
            let ordinary = BackgroundTask(label: "test.ordinary", placeholder: 0) { 6 * 9 }
            #expect(yielding.wait() == 42)
            #expect(ordinary.wait() == 54)
        }
    }
#endif
