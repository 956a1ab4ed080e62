import Testing
@testable import Activity
import Events

/// The golden vectors of risk-and-response notes §3 (tolerance ±0.01).
@Suite struct RiskScorerTests {
    let t0 = EventTime(seconds: 1_764_000_000)

    func flat(_ values: [Double]) -> [Contribution] {
        values.enumerated().map { i, v in
            Contribution(signal: .newNetwork, key: "k\(i)", points: v, firstSeen: t0, reason: "test")
        }
    }

    @Test func g1ElasticReference() {
        var config = RiskConfig()
        config.chainClasses = 99
        let a = RiskScorer.assess(flat([70, 45, 21, 21, 21]), at: t0, config: config)
        #expect(abs(a.score - 36.16) < 0.01)
        let m2 = RiskScorer.assess(flat([70, 45, 21, 21, 21]), at: t0, config: config, criticality: 2)
        #expect(abs(m2.score - 53.11) < 0.01)
        #expect(m2.level == .moderate)
    }

    @Test func g2SingleHundred() {
        let a = RiskScorer.assess(flat([100]), at: t0, config: RiskConfig())
        #expect(abs(a.score - 38.28) < 0.01)
        #expect(a.level == .low)
    }

    /// G3: decay and the attack-chain floor, at t0 and a day later.
    @Test func g3DecayAndChain() {
        let hour: Int64 = 3600
        let cs = [
            Contribution(signal: .secretAccess, key: "burst", points: 55, count: 4, firstSeen: t0, reason: "secret harvest"),
            Contribution(signal: .credentialMint, key: "key", points: 70, firstSeen: t0.adding(seconds: -hour), reason: "key minted, used ≤1 h"),
            Contribution(signal: .newNetwork, key: "ip", points: 37.5, firstSeen: t0.adding(seconds: -5 * hour), reason: "new IP and ASN"),
            Contribution(signal: .whoami, key: "gci", points: 35, firstSeen: t0.adding(seconds: -8 * hour), reason: "GetCallerIdentity"),
        ]
        let now = RiskScorer.assess(cs, at: t0, config: RiskConfig(), criticality: 2)
        let values = now.contributions.map(\.value)
        #expect(values.count == 4)
        for (v, want) in zip(values, [82.50, 69.33, 28.09, 13.89]) { #expect(abs(v - want) < 0.01, "\(v) vs \(want)") }
        #expect(abs(now.score - 70) < 0.01, "chain floor")
        #expect(now.chain == [.novelty, .access, .persistence], "recon is 8 h old: outside the 6 h window")
        #expect(now.level == .high)

        // Without the floor the score would be 60.82.
        var noFloor = RiskConfig()
        noFloor.chainClasses = 99
        #expect(abs(RiskScorer.assess(cs, at: t0, config: noFloor, criticality: 2).score - 60.82) < 0.01)

        let later = RiskScorer.assess(cs, at: t0.adding(seconds: 24 * hour), config: RiskConfig(), criticality: 2)
        let laterValues = later.contributions.map(\.value)
        #expect(laterValues.count == 3, "S6 decayed below 1 point and is dropped")
        for (v, want) in zip(laterValues, [55.03, 41.25, 7.02]) { #expect(abs(v - want) < 0.01, "\(v) vs \(want)") }
        #expect(abs(later.score - 42.72) < 0.01)
        #expect(later.level == .moderate)
        #expect(later.chain.isEmpty)
    }

    @Test func markersDoNotDecay() {
        let c = Contribution(signal: .usedAfterRevoke, key: "AKIA", points: 100, firstSeen: t0, reason: "used after revoke", frozen: true)
        let a = RiskScorer.assess([c], at: t0.adding(seconds: 30 * 86_400), config: RiskConfig())
        // The marker keeps its full value a month later (G2's 100 points, no decay)…
        #expect(a.contributions.first?.value == 100)
        // …and the score is the used-after-revoke floor, not G2's 38.28: an unacknowledged
        // use after revoke is always critical (issue #7), whatever the rank damping gives.
        #expect(a.score == RiskScorer.usedAfterRevokeFloor)
        #expect(a.level == .critical)
    }

    @Test func aFloodOfWeakSignalsStaysLow() {
        let a = RiskScorer.assess(flat(Array(repeating: 15, count: 200)), at: t0, config: RiskConfig())
        #expect(a.score < 20)
    }

    @Test func sharesAddUpAndOrderIsDeterministic() {
        let a = RiskScorer.assess(flat([30, 30, 10]), at: t0, config: RiskConfig())
        #expect(abs(a.contributions.map(\.share).reduce(0, +) - 1) < 1e-9)
        #expect(a.contributions.map(\.contribution.key) == ["k0", "k1", "k2"])
    }
}
