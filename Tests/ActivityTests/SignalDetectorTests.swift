import Testing
@testable import Activity
import Events

@Suite struct SignalDetectorTests {
    // MARK: S1 new network

    @Test func newNetworkFiresAfterWarmUpWithTheUsualNetworksNamed() {
        var f = SignalFeed()
        let t = f.warmUp()
        f.send(t + 10, "s3:GetObject", ip: "192.0.2.99")  // same /24: routine
        #expect(f.rows(.newNetwork).isEmpty)
        f.send(t + 20, "s3:GetObject", ip: "203.0.113.7")
        let r = f.rows(.newNetwork)
        #expect(r.map(\.key) == ["203.0.113.0/24"])
        #expect(r.first?.reason == "key AKIA…MPLE from new network 203.0.113.0/24 (usual: 192.0.2.0/24)")
        #expect(r.first?.points == 25)
        f.send(t + 30, "s3:GetObject", ip: "203.0.113.8")  // now known
        #expect(f.rows(.newNetwork).first?.count == 1)
    }

    @Test func networksGroupIPv6By48AndKeepNamesAsThemselves() {
        #expect(SignalText.network("2001:db8:abcd:12::1") == "2001:db8:abcd::/48")
        #expect(SignalText.network("2001:db8::1") == "2001:db8:0::/48")
        #expect(SignalText.network("::ffff:203.0.113.9") == "203.0.113.0/24")
        #expect(SignalText.network("AWS Internal") == "AWS Internal")
        #expect(SignalText.network("ec2.amazonaws.com") == "ec2.amazonaws.com")
        #expect(SignalText.network("") == nil)
        #expect(SignalText.network("999.1.1.1") == "999.1.1.1")
    }

    @Test func aNetworkUnseenForTenDaysIsNewAgain() {
        var f = SignalFeed()
        var t = f.warmUp()
        f.send(t + 10, "s3:GetObject", ip: "198.51.100.4")
        #expect(f.rows(.newNetwork).count == 1)
        // Daily routine from the home network for 11 days.
        for _ in 0..<11 { t += 86_400; f.send(t, "s3:GetObject") }
        f.send(t + 10, "s3:GetObject", ip: "198.51.100.4")
        let r = f.rows(.newNetwork).first!
        #expect(r.count == 2)
        #expect(r.reason.contains("not seen for 11 days"), "\(r.reason)")
    }

    // MARK: warm-up

    @Test func noveltyIsMutedDuringWarmUpButLearned() {
        var f = SignalFeed()
        // 100 events in 5 minutes: enough events, not enough time watched.
        for i in 0..<100 {
            f.send(Int64(i) * 3, i % 2 == 0 ? "s3:GetObject" : "dynamodb:PutItem",
                   resource: "", ip: i % 3 == 0 ? "203.0.113.5" : "192.0.2.10")
        }
        f.send(301, "lambda:InvokeFunction", ip: "198.51.100.1")
        f.send(302, "secretsmanager:GetSecretValue", resource: "prod/db")
        #expect(!f.detector.isWarm(at: f.start.adding(seconds: 303), config: f.config))
        #expect(f.set.isEmpty, "\(f.set.all.map(\.reason))")
        // Once warm, what it learned in warm-up is routine.
        f.send(2000, "lambda:InvokeFunction", ip: "198.51.100.1")
        f.send(2001, "secretsmanager:GetSecretValue", resource: "prod/db")
        #expect(f.detector.isWarm(at: f.start.adding(seconds: 2000), config: f.config))
        #expect(f.set.isEmpty, "\(f.set.all.map(\.reason))")
    }

    @Test func warmUpNeedsEnoughEventsToo() {
        var f = SignalFeed()
        for i in 0..<10 { f.send(Int64(i) * 600, "s3:GetObject") }  // 90 minutes, 10 events
        f.send(6000, "iam:DeleteRole", ip: "203.0.113.1")
        #expect(f.rows(.firstAction).isEmpty && f.rows(.newNetwork).isEmpty)
    }

    // MARK: S5 first action

    @Test func firstActionWeighsSensitiveActionsHigher() {
        var f = SignalFeed()
        let t = f.warmUp()
        f.send(t + 10, "s3:GetObject")
        #expect(f.set.isEmpty)
        f.send(t + 20, "ec2:DescribeRegions")
        f.send(t + 30, "s3:DeleteBucket", resource: "arn:aws:s3:::backups")
        let r = f.rows(.firstAction)
        #expect(r.map(\.key) == ["reads", "s3:DeleteBucket"])
        #expect(r.map(\.points) == [15, 35])
        #expect(r[0].reason == "first ec2:DescribeRegions in 61 events over 40 min")
        #expect(r[1].reason == "first s3:DeleteBucket in 62 events over 40 min (sensitive: write)")
        f.send(t + 40, "s3:DeleteBucket")
        #expect(f.rows(.firstAction).map(\.count) == [1, 1], "the second time is not new")
    }

    // MARK: S6 whoami

    @Test func whoamiFiresOnAFreshIdentityOnlyOnce() {
        var f = SignalFeed()
        f.send(0, "sts:GetCallerIdentity", ip: "203.0.113.7")
        let r = f.rows(.whoami)
        #expect(r.first?.reason == "first whoami call sts:GetCallerIdentity from 203.0.113.7 (event 1 of this identity)")
        #expect(r.first?.points == 35)
        f.send(60, "sts:GetCallerIdentity")
        #expect(f.rows(.whoami).first?.count == 1, "a known whoami is routine (SDKs and Terraform ask every run)")
        #expect(f.rows(.firstAction).isEmpty)
    }

    // MARK: S7 enumeration

    @Test func enumerationBurstOfNewListCalls() {
        var f = SignalFeed()
        let t = f.warmUp()
        let listing = ["iam:ListUsers", "iam:ListRoles", "iam:ListPolicies", "s3:ListBuckets", "ec2:DescribeInstances",
                       "ec2:DescribeSecurityGroups", "lambda:ListFunctions", "rds:DescribeDBInstances"]
        for (i, a) in listing.enumerated() {
            f.send(t + 100 + Int64(i) * 2, a, decision: a.hasPrefix("iam") ? .deny : .allow)
        }
        let r = f.rows(.enumeration)
        #expect(r.count == 1)
        #expect(r.first?.key == "burst")
        #expect(r.first?.reason == "8 distinct new List/Describe/Get actions in 60 s across 5 services (ec2, iam, lambda, rds, …); 3 denied")
        #expect(r.first?.count == 1, "one burst, one raise; its words follow the burst as it grows")
        #expect(f.rows(.firstAction).map(\.key) == ["reads"], "new List calls share one S5 row")
        #expect(f.rows(.firstAction).first?.reason == "8 read-only actions new to it (latest rds:DescribeDBInstances)")
    }

    @Test func routineListingIsNotEnumeration() {
        var f = SignalFeed()
        let scan = ["ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeSnapshots", "s3:ListBuckets",
                    "rds:DescribeDBInstances", "iam:ListRoles", "iam:ListUsers", "lambda:ListFunctions"]
        // An inventory scanner: the same eight calls every 5 minutes for 6 hours.
        for round in 0..<72 {
            for (i, a) in scan.enumerated() { f.send(Int64(round) * 300 + Int64(i), a) }
        }
        let r = f.rows(.enumeration)
        #expect(r.count == 1 && r[0].count == 1, "only its very first scan, before anything was known")
        #expect(r.first?.lastSeen == f.start.adding(seconds: 7), "the end of its first scan")
        #expect(f.rows(.firstAction).isEmpty && f.rows(.volumeAnomaly).isEmpty)
    }

    // MARK: S8 denies

    @Test func denySpikeNamesTheUsualRate() {
        var f = SignalFeed()
        var t: Int64 = 0
        // Three hours of routine with one deny an hour.
        for i in 0..<540 {
            t = Int64(i) * 20
            f.send(t, "s3:GetObject", decision: i % 180 == 0 ? .deny : .allow)
        }
        #expect(f.rows(.denySpike).isEmpty)
        for i in 0..<14 { f.send(t + 10 + Int64(i) * 30, "iam:ListUsers", decision: .deny) }
        let r = f.rows(.denySpike)
        #expect(r.map(\.key) == ["spike"])
        #expect(r.first?.reason == "14 denied in 10 min (last: iam:ListUsers); usual 1.1/h", "\(r.first?.reason ?? "")")
        #expect(r.first?.count == 1, "one spike per 10 minutes; its words follow the count")
    }

    @Test func aRoutineDenierIsJudgedByItsOwnBaseline() {
        var f = SignalFeed()
        // A misconfigured poller: 3 denies every 10 minutes, all day.
        for i in 0..<(6 * 24 * 10) {
            let t = Int64(i) * 60
            f.send(t, "s3:GetObject", decision: i % 10 < 3 ? .deny : .allow)
        }
        #expect(f.rows(.denySpike).isEmpty, "\(f.rows(.denySpike).map(\.reason))")
    }

    @Test func firstDenyForCIJobsAfterWarmUp() {
        var f = SignalFeed()
        f.kind = .ciJob
        f.identity = "repo:acme/api:ref:refs/heads/main"
        let t = f.warmUp()
        f.send(t + 10, "iam:PassRole", decision: .deny)
        let r = f.rows(.denySpike)
        #expect(r.map(\.key) == ["first:iam:PassRole"])
        #expect(r.first?.points == 10)
        #expect(r.first?.reason == "first deny on iam:PassRole (ci_job never denied on it in 60 events)")
        f.send(t + 20, "iam:PassRole", decision: .deny)
        #expect(f.rows(.denySpike).first?.count == 1)

        var role = SignalFeed()
        let t2 = role.warmUp()
        role.send(t2 + 10, "iam:PassRole", decision: .deny)
        #expect(role.rows(.denySpike).isEmpty, "aws roles get denied often enough that one deny is not news")
    }

    // MARK: S9 secrets

    @Test func readingItsOwnSecretsIsRoutine() {
        var f = SignalFeed()
        let own = ["prod/app/db", "prod/app/api-key", "prod/app/tls"]
        var t = f.warmUp(["secretsmanager:GetSecretValue", "s3:GetObject"], resources: own)
        for _ in 0..<500 { t += 30; f.send(t, "secretsmanager:GetSecretValue", resource: own[Int(t) % 3]) }
        #expect(f.rows(.secretAccess).isEmpty)
        f.send(t + 10, "secretsmanager:GetSecretValue", resource: "prod/payments/stripe")
        let r = f.rows(.secretAccess)
        #expect(r.map(\.key) == ["prod/payments/stripe"])
        #expect(r.first?.points == 20)
        #expect(r.first?.reason == "first read of secret prod/payments/stripe (it usually reads 3 secrets)")
    }

    @Test func aHarvestFiresEvenDuringWarmUp() {
        var f = SignalFeed()
        for i in 0..<6 {
            f.send(Int64(i) * 20, "secretsmanager:GetSecretValue", resource: "prod/s\(i)", decision: i == 5 ? .deny : .allow)
        }
        let r = f.rows(.secretAccess)
        #expect(r.map(\.key) == ["harvest"])
        #expect(r.first?.points == 55)
        #expect(r.first?.reason == "read 5 different secrets new to it in 15 min (latest prod/s4)")
    }

    // MARK: S10–S13 categories

    @Test func categorySignalsFireOnAllowedAndDeniedAttempts() {
        var f = SignalFeed()
        f.send(0, "iam:CreateAccessKey", resource: "arn:aws:iam::111122223333:user/bob")
        f.send(1, "iam:CreateAccessKey", resource: "arn:aws:iam::111122223333:user/alice", decision: .deny)
        f.send(2, "iam:AttachRolePolicy", resource: "arn:aws:iam::111122223333:role/app")
        f.send(3, "iam:AttachRolePolicy", resource: "arn:aws:iam::111122223333:role/other")
        f.send(4, "create clusterrolebindings", resource: "clusterrolebindings/cluster-admin-x")
        f.send(5, "create pods/exec", resource: "web/pods/web-1")
        f.send(6, "cloudtrail:StopLogging", resource: "arn:aws:cloudtrail:us-east-1:111122223333:trail/main")
        let mint = f.rows(.credentialMint)
        #expect(mint.map(\.points) == [25, 50])
        #expect(mint[1].reason == "minted a credential: iam:CreateAccessKey on arn:aws:iam::111122223333:user/bob")
        #expect(mint[0].reason.hasSuffix("(deny: attempt only)"))
        let priv = f.rows(.privilegeChange)
        #expect(priv.map(\.points).sorted() == [60, 80, 80])
        #expect(priv.contains { $0.reason.hasSuffix("(self-targeted)") })
        #expect(priv.contains { $0.reason.hasSuffix("(cluster-admin)") })
        #expect(f.rows(.humanUse).first?.reason == "a person at the keyboard of an NHI: create pods/exec on web/pods/web-1")
        #expect(f.rows(.defenseEvasion).first?.points == 80)
    }

    // MARK: S14 dormant

    @Test func dormantIdentityWakingUp() {
        var f = SignalFeed()
        f.send(0, "s3:GetObject")
        f.send(2 * 86_400, "s3:GetObject")
        #expect(f.rows(.dormantWake).isEmpty)
        f.send(42 * 86_400, "s3:GetObject")
        let r = f.rows(.dormantWake)
        #expect(r.first?.reason == "active again after 40 days of silence (last event 2025-11-26)")
        #expect(r.first?.points == 35)
    }

    // MARK: S16 volume

    @Test func aVolumeSpikeAgainstItsOwnBaseline() {
        var f = SignalFeed()
        var rng = SplitMix64(seed: 7)
        var minute: Int64 = 0
        for m in 0..<90 {
            minute = Int64(m) * 60
            let n = rng.int(29...41)
            for i in 0..<n { f.send(f.event(minute, "s3:GetObject", micros: Int64(i) * 1000)) }
        }
        #expect(f.rows(.volumeAnomaly).isEmpty)
        minute += 60
        for i in 0..<412 { f.send(f.event(minute, "s3:GetObject", micros: Int64(i) * 100)) }
        let live = f.rows(.volumeAnomaly)
        #expect(live.count == 1, "heard while the minute is still open")
        #expect(live.first?.reason.hasSuffix("so far; usual 35±6, peak 41") == true, "\(live.first?.reason ?? "")")
        f.send(minute + 60, "s3:GetObject")  // closes the minute
        let r = f.rows(.volumeAnomaly).first!
        #expect(r.count == 1)
        #expect(r.reason.hasPrefix("412 events/min at 17:30; usual 35±"), "\(r.reason)")
    }

    @Test func steadyHeavyTrafficIsNotAnAnomaly() {
        var f = SignalFeed()
        var rng = SplitMix64(seed: 11)
        // 3 hours at ~400/min with Poisson-like jitter, a batch burst of 1500 every hour.
        for m in 0..<180 {
            let base = Int64(m) * 60
            let n = m % 60 == 30 ? 1500 : rng.int(360...440)
            for i in 0..<n { f.send(f.event(base, i % 2 == 0 ? "s3:GetObject" : "s3:PutObject", micros: Int64(i) * 10)) }
        }
        // The first hourly burst can look odd before any burst is known; later ones are routine,
        // but a warm identity does not get a clean bill until it has seen its burst pattern.
        let r = f.rows(.volumeAnomaly)
        #expect(r.allSatisfy { $0.lastSeen < f.start.adding(seconds: 90 * 60) }, "\(r.map(\.reason))")
    }

    // MARK: S17 agent tools

    @Test func agentToolGovernance() {
        var f = SignalFeed()
        f.kind = .aiAgent
        f.identity = "agent:support-bot"
        f.credential = ""
        f.send(5, "tool:fs.write", decision: .deny)
        #expect(f.rows(.agentTool).first?.points == 30, "a denied tool call counts during warm-up")
        let t = f.warmUp(["tool:search", "tool:kb.read", "tool:ticket.update"])
        f.send(t + 10, "tool:ticket.update")
        #expect(f.rows(.agentTool).count == 1)
        f.send(t + 20, "tool:shell.exec")
        let r = f.rows(.agentTool)
        #expect(r.map(\.key) == ["tool:fs.write", "tool:shell.exec"])
        #expect(r[1].points == 45)
        #expect(r[1].reason == "agent called tool tool:shell.exec for the first time in 62 calls over 40 min (usual: 4 tools)")
        #expect(f.rows(.firstAction).isEmpty, "for agents the new tool is S17, not also S5")
    }

    // MARK: bounds

    @Test func stateStaysBoundedUnderTenThousandDistinctValues() {
        var f = SignalFeed()
        f.warmUp()
        for i in 0..<10_000 {
            let t = 3000 + Int64(i)
            f.send(t, "svc:Action\(i)", ip: "10.\(i / 65536).\((i / 256) % 256).\(i % 256)")
            f.send(t, "secretsmanager:GetSecretValue", resource: "secret/\(i)")
            f.send(t, "svc:Op\(i)", ip: "2001:db8:\(String(i, radix: 16))::1")
        }
        #expect(f.detector.approximateBytes < 24 * 1024, "\(f.detector.approximateBytes)")
        #expect(f.set.count <= 32)
        #expect(f.detector.unlearnedNetworks > 0)
        print("SignalDetector after 30,000 distinct-value events: \(f.detector.approximateBytes) bytes")
    }

    @Test func typicalMemory() {
        var f = SignalFeed()
        var rng = SplitMix64(seed: 3)
        let actions = (0..<40).map { "svc\($0 % 5):Action\($0)" }
        for i in 0..<20_000 {
            f.send(Int64(i) * 5, actions[rng.int(0...39)], ip: "192.0.2.\(rng.int(1...200))")
            if i % 50 == 0 { f.send(Int64(i) * 5, "secretsmanager:GetSecretValue", resource: "prod/s\(rng.int(0...9))") }
        }
        print("SignalDetector after a typical day (20,000 events, 41 actions, 10 secrets, 1 network): \(f.detector.approximateBytes) bytes")
        #expect(f.detector.approximateBytes < 8 * 1024)
    }
}
