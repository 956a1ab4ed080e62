import Testing
@testable import Activity
import Events

@Suite struct SignalContributionSetTests {
    let t0 = EventTime(seconds: 1_764_000_000)

    func c(_ s: Signal, _ key: String, points: Double = 10, at offset: Int64 = 0, count: Int = 1,
           reason: String = "r", frozen: Bool = false) -> Contribution {
        Contribution(signal: s, key: key, points: points, count: count, firstSeen: t0.adding(seconds: offset),
                     reason: reason, frozen: frozen)
    }

    @Test func mergesBySignalAndKey() {
        var set = ContributionSet()
        set.raise(c(.denySpike, "spike", points: 30, at: 100, reason: "first"))
        set.raise(c(.denySpike, "spike", points: 20, at: 50, count: 2, reason: "older"))
        set.raise(c(.denySpike, "spike", points: 25, at: 200, reason: "newest"))
        #expect(set.count == 1)
        let r = set.contribution(.denySpike, key: "spike")!
        #expect(r.count == 4)
        #expect(r.firstSeen == t0.adding(seconds: 50))
        #expect(r.lastSeen == t0.adding(seconds: 200))
        #expect(r.points == 30, "points keep the maximum")
        #expect(r.reason == "newest", "the newer evidence's words win, whatever the arrival order")
    }

    @Test func sameKeyDifferentSignalsStaySeparate() {
        var set = ContributionSet()
        set.raise(c(.firstAction, "iam:CreateAccessKey"))
        set.raise(c(.credentialMint, "iam:CreateAccessKey"))
        #expect(set.count == 2)
    }

    @Test func orderIsBySignalThenKey() {
        var set = ContributionSet()
        set.raise(c(.secretAccess, "b"))
        set.raise(c(.newNetwork, "z"))
        set.raise(c(.secretAccess, "a"))
        set.raise(c(.whoami, "x"))
        #expect(set.all.map { "\($0.signal.name)/\($0.key)" } == ["new_network/z", "whoami/x", "secret_access/a", "secret_access/b"])
    }

    @Test func evictsOldestUnfrozenWithDeterministicTies() {
        var set = ContributionSet(capacity: 3)
        set.raise(c(.usedAfterRevoke, "marker", at: 0, frozen: true))   // oldest but frozen
        set.raise(c(.secretAccess, "b", at: 10))
        set.raise(c(.newNetwork, "a", at: 10))                          // ties with b: lower signal rawValue goes
        set.raise(c(.whoami, "new", at: 20))
        #expect(set.all.map(\.key) == ["new", "b", "marker"])
        #expect(set.evicted == 1)
        #expect(set.count == 3)
    }

    @Test func anOlderNewcomerDoesNotPushOutFresherEvidence() {
        var set = ContributionSet(capacity: 2)
        set.raise(c(.newNetwork, "a", at: 100))
        set.raise(c(.newNetwork, "b", at: 200))
        set.raise(c(.newNetwork, "late", at: 5))
        #expect(set.all.map(\.key) == ["a", "b"])
        #expect(set.evicted == 1)
    }

    @Test func markersAlwaysEnterAndAreNeverEvicted() {
        var set = ContributionSet(capacity: 2)
        set.raise(c(.usedAfterRevoke, "k1", at: 0, frozen: true))
        set.raise(c(.usedAfterRevoke, "k2", at: 1, frozen: true))
        set.raise(c(.whoami, "x", at: 100))                              // nowhere to go
        #expect(set.all.allSatisfy { $0.frozen })
        set.acknowledge(signal: .usedAfterRevoke, key: "k1")
        #expect(set.all.map(\.key) == ["k2"])
        set.raise(c(.whoami, "x", at: 100))
        set.acknowledge(signal: .usedAfterRevoke)
        #expect(set.all.map(\.key) == ["x"])
        set.acknowledge(signal: .whoami)
        #expect(set.all.map(\.key) == ["x"], "acknowledging removes markers only; decaying rows fade by themselves")
    }

    @Test func boundedUnderAFlood() {
        var set = ContributionSet()
        for i in 0..<10_000 { set.raise(c(.firstAction, "action-\(i)", at: Int64(i))) }
        #expect(set.count == 32)
        #expect(set.evicted == 10_000 - 32)
        #expect(set.all.map(\.lastSeen).min() == t0.adding(seconds: 10_000 - 32), "the newest 32 remain")
    }

    @Test func pruneDropsDecayedRowsOnly() {
        var set = ContributionSet()
        set.raise(c(.enumeration, "burst", points: 40, at: 0))
        set.raise(c(.usedAfterRevoke, "m", points: 100, at: 0, frozen: true))
        set.prune(at: t0.adding(seconds: 24 * 3600), config: .standard)
        #expect(set.all.map(\.key) == ["m"])
    }
}
