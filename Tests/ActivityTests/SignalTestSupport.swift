@testable import Activity
import Events

/// Feeds one identity's events through a detector into its contribution set.
struct SignalFeed {
    var detector = SignalDetector()
    var set = ContributionSet()
    var config: RiskConfig = .standard
    let start = EventTime(seconds: 1_764_000_000)  // 2025-11-24T16:00:00Z
    var identity = "arn:aws:iam::111122223333:role/app"
    var kind: IdentityKind = .awsRole
    var ip = "192.0.2.10"
    var credential = "AKIAIOSFODNN7EXAMPLE"

    func event(_ offset: Int64, _ action: String, resource: String = "", decision: Decision = .allow,
               ip: String? = nil, micros: Int64 = 0) -> NormalizedEvent {
        NormalizedEvent(time: EventTime(microseconds: start.adding(seconds: offset).microseconds + micros),
                        identity: identity, identityKind: kind, action: action, resource: resource,
                        decision: decision, sourceIP: ip ?? self.ip, credentialID: credential,
                        format: .cloudtrail, origin: EventOrigin(source: "test", line: 1))
    }

    mutating func send(_ e: NormalizedEvent) {
        detector.observe(e, categories: ActionCategory.classify(action: e.action), config: config, into: &set)
    }

    mutating func send(_ offset: Int64, _ action: String, resource: String = "", decision: Decision = .allow,
                       ip: String? = nil) {
        send(event(offset, action, resource: resource, decision: decision, ip: ip))
    }

    /// 60 routine events over 40 minutes (one every 40 s), cycling `actions`: past the
    /// standard warm-up (50 events, 30 min). Returns the offset of the last event.
    @discardableResult
    mutating func warmUp(_ actions: [String] = ["s3:GetObject", "s3:PutObject", "sqs:SendMessage"],
                         resources: [String] = [""]) -> Int64 {
        var last: Int64 = 0
        for i in 0..<60 {
            last = Int64(i) * 40
            send(last, actions[i % actions.count], resource: resources[i % resources.count])
        }
        return last
    }

    func rows(_ s: Signal) -> [Contribution] { set.contributions(of: s) }
    var signals: Set<Signal> { Set(set.all.map(\.signal)) }
}

/// Jittered routine traffic from the shared deterministic generator.
extension SplitMix64 {
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }
}
