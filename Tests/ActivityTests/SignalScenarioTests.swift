import Testing
@testable import Activity
import Events

/// Whole sequences through the detectors and `RiskScorer.assess`: what the operator sees.
@Suite struct SignalScenarioTests {
    /// A leaked key: whoami, then listing with denies from a new network, then a new access key.
    @Test func incidentReachesHighThroughTheChainFloor() {
        var f = SignalFeed()
        var t = f.warmUp()
        t += 3600
        let attacker = "203.0.113.7"
        f.send(t, "sts:GetCallerIdentity", ip: attacker)
        let listing = ["iam:ListUsers", "iam:ListRoles", "iam:ListAttachedRolePolicies", "s3:ListBuckets",
                       "ec2:DescribeInstances", "secretsmanager:ListSecrets", "lambda:ListFunctions",
                       "iam:GetAccountAuthorizationDetails", "kms:ListKeys", "rds:DescribeDBInstances"]
        for (i, a) in listing.enumerated() {
            f.send(t + 5 + Int64(i), a, decision: i % 3 == 2 ? .allow : .deny, ip: attacker)
        }
        f.send(t + 120, "iam:CreateAccessKey", resource: "arn:aws:iam::111122223333:user/admin", ip: attacker)
        let now = f.start.adding(seconds: t + 120)
        let a = RiskScorer.assess(f.set.all, at: now, config: f.config)
        #expect(a.score >= 70, "\(a.score)")
        #expect(a.level == .high)
        #expect(Set(a.chain) == [.recon, .novelty, .persistence])
        let signals = Set(a.contributions.map(\.contribution.signal))
        #expect(signals.isSuperset(of: [.whoami, .newNetwork, .enumeration, .denySpike, .credentialMint, .firstAction]))
        for c in a.contributions { print("  \(c.contribution.signal.name) \(Int(c.value.rounded())): \(c.contribution.reason)") }
    }

    /// A busy service doing what it always does: thousands of events, its own secrets, its
    /// usual networks, a steady deny now and then.
    @Test func heavyRoutineIdentityStaysQuiet() {
        var f = SignalFeed()
        f.identity = "arn:aws:iam::111122223333:role/orders-api"
        var rng = SplitMix64(seed: 99)
        let actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "sqs:ReceiveMessage",
                       "sqs:DeleteMessage", "kms:Decrypt", "s3:GetObject", "s3:PutObject"]
        let secrets = ["prod/orders/db", "prod/orders/stripe"]
        let nets = ["192.0.2.10", "192.0.2.77", "198.51.100.20"]
        f.send(0, "sts:GetCallerIdentity")  // the SDK asks once at start-up
        var events = 0
        for m in 0..<(6 * 60) {
            let base = Int64(m) * 60
            for i in 0..<rng.int(250...330) {
                let e = f.event(base, actions[rng.int(0...7)], decision: rng.int(0...499) == 0 ? .deny : .allow,
                                ip: nets[rng.int(0...2)], micros: Int64(i) * 1000)
                f.send(e)
                events += 1
            }
            if m % 5 == 0 { f.send(f.event(base, "secretsmanager:GetSecretValue", resource: secrets[m % 2], micros: 999_000)) }
        }
        let now = f.start.adding(seconds: 6 * 3600)
        let a = RiskScorer.assess(f.set.all, at: now, config: f.config)
        #expect(a.score < 20, "\(a.score): \(a.contributions.map(\.contribution.reason))")
        #expect(events > 90_000)
        let afterWarmUp = f.set.all.filter { $0.lastSeen > f.start.adding(seconds: 3600) }
        #expect(afterWarmUp.isEmpty, "\(afterWarmUp.map(\.reason))")
    }

    /// Replaying the same log gives the same score, whether read at once or in chunks.
    @Test func replayEqualsLive() {
        var live = SignalFeed(), replay = SignalFeed()
        var events: [NormalizedEvent] = []
        var t = live.warmUp()
        for a in ["sts:GetCallerIdentity", "iam:ListUsers", "iam:ListRoles", "s3:ListBuckets", "ec2:DescribeVpcs",
                  "kms:ListKeys", "lambda:ListFunctions", "iam:CreateAccessKey"] {
            t += 2
            events.append(live.event(t, a, decision: .deny, ip: "203.0.113.9"))
        }
        for e in events { live.send(e) }
        replay.warmUp()
        for chunk in stride(from: 0, to: events.count, by: 3) {
            for e in events[chunk..<min(chunk + 3, events.count)] { replay.send(e) }
        }
        #expect(live.set == replay.set)
        let now = live.start.adding(seconds: t)
        #expect(RiskScorer.assess(live.set.all, at: now, config: live.config)
            == RiskScorer.assess(replay.set.all, at: now, config: replay.config))
    }
}
