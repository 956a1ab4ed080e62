@testable import nhitop
import Testing

/// Review of #10's live loop: how long it waits for a key between ticks. A pure function,
/// tested directly.
@Suite struct LiveLoopReviewTests {
    /// A backlog ends exactly on the read budget (a 4 MiB file; stdin whose burst ends on a
    /// budget boundary): that tick waits 0 ms, the next reads nothing. Doubling 0 stayed 0,
    /// so the loop polled with no timeout for good: 100% of a core with nothing arriving
    /// (measured: 499 ticks of 500 over 5 s, `nhitop FILE` on a file of exactly 4 MiB).
    @Test func aBacklogEndingOnTheBudgetDoesNotSpin() {
        let budget = 4 << 20
        var wait = LiveSession.nextWait(after: 30, read: budget, budget: budget, active: true)
        #expect(wait == 0, "a backlog remains: no wait")
        var waits: [Int32] = []
        for _ in 0..<8 {
            wait = LiveSession.nextWait(after: wait, read: 0, budget: budget, active: false)
            waits.append(wait)
        }
        #expect(waits.allSatisfy { $0 > 0 }, "\(waits)")
        #expect(waits.last == LiveSession.maxIdleWaitMs, "\(waits)")
        // As before otherwise: busy after activity, then doubling up to the idle cap.
        #expect(LiveSession.nextWait(after: 250, read: 10, budget: budget, active: true) == LiveSession.busyWaitMs)
        #expect(LiveSession.nextWait(after: 30, read: 0, budget: budget, active: false) == 60)
        #expect(LiveSession.nextWait(after: 200, read: 0, budget: budget, active: false) == 250)
        // A frame due in 3 ms shortened the last wait: idle again, it grows from the busy wait.
        #expect(LiveSession.nextWait(after: 4, read: 0, budget: budget, active: false) == LiveSession.busyWaitMs)
    }
}
