import Foundation
import Events

/// The explainable, decaying score of risk-and-response notes §3, as a pure function.
///
/// 1. Each contribution is worth `v0 = min(100, w·(1 + 0.25·log2 n))`.
/// 2. It decays on event time: `v(t) = v0 · 2^(−(t − last)/h)`, dropped below 1 point;
///    markers are frozen until acknowledged.
/// 3. Sorted descending, `raw = Σ vᵢ / i^1.5 / ζ(1.5)`: a flood of weak signals stays low.
/// 4. Criticality on the odds: `p = raw/100`, `score = 100·m·p / (1 + (m−1)·p)`.
/// 5. Attack-chain floor: ≥ `chainClasses` distinct classes whose last evidence is within
///    `chainWindow` of now → at least `chainFloor`.
/// 6. Levels: <20 unknown, <40 low, <70 moderate, <90 high, else critical.
/// 6b. Rule floor: a `.rule` contribution (a known technique) lifts the score to at least
///    its decayed points (`floorValue`), so one match alone reaches its level.
/// 7. Used-after-revoke floor: an unacknowledged (frozen) S19 marker → at least
///    `usedAfterRevokeFloor`. A revoke that did not hold is the failure nhitop exists to
///    catch, so it is critical whatever the rank damping makes of one 100-point marker (38).
public enum RiskScorer {
    /// ζ(1.5), so a single 100-point contribution alone scores 38.28.
    public static let zeta15 = 2.6123753486854883
    /// The least score of an identity with a frozen used-after-revoke marker: critical.
    public static let usedAfterRevokeFloor = 90.0

    public static func value(of c: Contribution, at now: EventTime, halfLifeHours: Double) -> Double {
        let v0 = min(100, c.points * (1 + 0.25 * log2(Double(max(1, c.count)))))
        guard !c.frozen else { return v0 }
        return v0 * decay(since: c.lastSeen, at: now, halfLifeHours: halfLifeHours)
    }

    /// A rule contribution's floor at `now`: its points decayed, without the count bonus (a
    /// rule matching 100 times is not a worse technique than matching once).
    public static func floorValue(of c: Contribution, at now: EventTime, config: RiskConfig) -> Double {
        min(100, c.points * decay(since: c.lastSeen, at: now, halfLifeHours: config.halfLifeHours(c.signal)))
    }

    /// `2^(−age/h)` on event time; 1 when the half-life is 0 (no decay).
    private static func decay(since lastSeen: EventTime, at now: EventTime, halfLifeHours: Double) -> Double {
        guard halfLifeHours > 0 else { return 1 }
        let ageHours = max(0, Double(now.microseconds(since: lastSeen)) / 3_600_000_000)
        return pow(2, -ageHours / halfLifeHours)
    }

    public static func assess(_ contributions: [Contribution], at now: EventTime, config: RiskConfig,
                              criticality m: Double = 1) -> RiskAssessment {
        var scored: [ScoredContribution] = []
        scored.reserveCapacity(contributions.count)
        for c in contributions {
            let v = value(of: c, at: now, halfLifeHours: config.halfLifeHours(c.signal))
            if v >= 1 || c.frozen { scored.append(ScoredContribution(contribution: c, value: v, share: 0)) }
        }
        guard !scored.isEmpty else { return .none }
        scored.sort { $0.value != $1.value ? $0.value > $1.value
            : ($0.contribution.signal.rawValue, $0.contribution.key) < ($1.contribution.signal.rawValue, $1.contribution.key) }
        var damped = 0.0
        for i in scored.indices {
            let part = scored[i].value / pow(Double(i + 1), 1.5)
            scored[i].share = part
            damped += part
        }
        for i in scored.indices { scored[i].share = damped > 0 ? scored[i].share / damped : 0 }
        let raw = min(100, damped / zeta15)
        let p = raw / 100
        let m = min(2, max(0.5, m))
        var score = 100 * m * p / (1 + (m - 1) * p)
        let unfloored = score

        var chain: [SignalClass] = []
        let windowMicros = Int64(config.chainWindowHours * 3_600_000_000)
        for cls in SignalClass.allCases where cls != .marker {
            if scored.contains(where: { $0.contribution.stage == cls
                && now.microseconds(since: $0.contribution.lastSeen) <= windowMicros }) {
                chain.append(cls)
            }
        }
        if chain.count >= config.chainClasses, score < config.chainFloor {
            score = config.chainFloor
        } else {
            chain = []
        }
        // A known technique stands on its own: one match holds its identity at the rule's
        // level (its points sit just above that level's threshold) and fades from there.
        var ruleFloor = 0.0
        for s in scored where s.contribution.signal == .rule {
            ruleFloor = max(ruleFloor, floorValue(of: s.contribution, at: now, config: config))
        }
        if score < ruleFloor {
            score = ruleFloor
            chain = []
        }
        if score < usedAfterRevokeFloor,
           scored.contains(where: { $0.contribution.signal == .usedAfterRevoke && $0.contribution.frozen }) {
            score = usedAfterRevokeFloor
            // The chain floor no longer explains the score: the marker does.
            chain = []
        }
        score = min(100, max(0, score))
        return RiskAssessment(score: score, level: RiskLevel(score: Int(score.rounded())), contributions: scored,
                              chain: chain, unflooredScore: unfloored)
    }
}
