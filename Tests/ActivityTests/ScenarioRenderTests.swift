import Testing
import Events
import Ingest
import Rules

/// The scenario's raw records, decoded the way `nhitop` reads log files: one `SourceDecoder`
/// per format (a file each), records fed in the scenario's order.
enum ScenarioReplay {
    static let records: [ScenarioRender.Record] = ScenarioRender.render(Scenario.standard)

    /// Decoded once, with the built-in catalogue and (when beside the clone) ../shared/sigma,
    /// and shared: a pass over the quarter of a million records takes half a minute in a debug
    /// build, and holding a cooperative thread that long starves the in-process timeout tests.
    static let builtin = RuleLoader.load(builtin: true)
    static let all = ScenarioSigma.isAvailable
        ? RuleLoader.load(builtin: true, sigmaPaths: [ScenarioSigma.url.path]) : builtin
    static let withAllRules: [NormalizedEvent?] = {
        var options = IngestOptions()
        options.rules = all
        return decode(records, options: options)
    }()
    /// The same events with only the built-in catalogue's hits: rules match one record each,
    /// independently, so these are exactly what a run with the built-in catalogue alone gives.
    static let withBuiltinRules: [NormalizedEvent?] = withAllRules.map { event in
        event.map { e in
            var e = e
            e.ruleHits = e.ruleHits.filter { $0.rule.source == .builtin }
            return e
        }
    }

    /// The event each record decoded to, in order; nil where a record gave no event or several.
    static func decode(_ records: [ScenarioRender.Record], options: IngestOptions = IngestOptions()) -> [NormalizedEvent?] {
        // An array indexed by format, so each decoder is mutated in place and never copied.
        var decoders = SourceFormat.allCases.map { SourceDecoder(sourceName: "scenario-\($0.label)", options: options) }
        var out: [NormalizedEvent?] = []
        out.reserveCapacity(records.count)
        var got: [NormalizedEvent] = []
        for r in records {
            got.removeAll(keepingCapacity: true)
            decoders[Int(r.format.rawValue)].feed(r.line) { got.append($0) }
            out.append(got.count == 1 ? got[0] : nil)
        }
        return out
    }
}

/// `ScenarioRender` writes records that Ingest reads back into the scenario's own events, so
/// rules can run on the scenario's traffic as they would on the real logs.
@Suite struct ScenarioRenderTests {
    static let scenario = Scenario.standard

    /// Rules only add `ruleHits`: the fields compared here are the mapper's alone.
    @Test func everyRecordDecodesToItsScenarioEvent() {
        let events = Self.scenario.events
        let records = ScenarioReplay.records
        let decoded = ScenarioReplay.withBuiltinRules
        #expect(decoded.count == events.count)
        var mismatches: [String] = []
        for (i, e) in events.enumerated() {
            let line = String(decoding: records[i].line, as: UTF8.self)
            guard let d = decoded[i] else {
                mismatches.append("#\(i + 1) \(e.identity) \(e.action): no event from \(line)")
                continue
            }
            var diffs: [String] = []
            func check(_ name: String, _ got: String, _ want: String) {
                if got != want { diffs.append("\(name) \"\(got)\" ≠ \"\(want)\"") }
            }
            check("identity", d.identity, e.identity)
            check("kind", d.identityKind.label, e.identityKind.label)
            check("action", d.action, e.action)
            check("decision", d.decision.label, e.decision.label)
            check("resource", d.resource, records[i].resource)
            check("source ip", d.sourceIP, e.sourceIP)
            check("format", d.format.label, e.format.label)
            // GitHub names tokens by id and OPA's inputs here carry none: the others keep the credential.
            if [.cloudtrail, .k8sAudit, .vault, .nhitop].contains(e.format) { check("credential", d.credentialID, e.credentialID) }
            // CloudTrail keeps whole seconds, GitHub milliseconds; never later than the event.
            let late = e.time.microseconds - d.time.microseconds
            if late < 0 || late >= 1_000_000 { diffs.append("time \(d.time.iso8601Micros) ≠ \(e.time.iso8601Micros)") }
            if !diffs.isEmpty { mismatches.append("#\(i + 1) \(diffs.joined(separator: ", ")) in \(line)") }
        }
        #expect(mismatches.isEmpty,
                "\(mismatches.count) of \(events.count) records decode to another event; the first:\n\(mismatches.prefix(6).joined(separator: "\n"))")
    }

    /// Every format but CloudTrail carries the scenario's resource as it is. CloudTrail carries
    /// it whole where the API names an ARN (S3, DynamoDB, KMS, ECR, Secrets Manager), by its
    /// last part where the API takes a name (IAM's userName, Glue's table name), or not at all
    /// where the name sits in a field nhitop does not read (logGroupName, workGroup, an ECS service).
    @Test func recordsCarryTheScenarioResourceOrItsLastPart() {
        var wrong: [String] = []
        var counts = (whole: 0, part: 0, none: 0)
        for (e, r) in zip(Self.scenario.events, ScenarioReplay.records) {
            if r.resource == e.resource {
                counts.whole += 1
                continue
            }
            let service = e.action.prefix(while: { $0 != ":" })
            if e.format != .cloudtrail || ["s3", "dynamodb", "kms", "ecr", "secretsmanager"].contains(service) {
                wrong.append("\(e.action) on \(e.resource) carries \"\(r.resource)\"")
            } else if r.resource.isEmpty {
                counts.none += 1
            } else if e.resource.hasSuffix("/" + r.resource) {
                counts.part += 1
            } else {
                wrong.append("\(e.action) on \(e.resource) carries \"\(r.resource)\"")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) records name another resource: \(wrong.prefix(6).joined(separator: "; "))")
        // Most records still name the resource as the scenario does.
        #expect(counts.whole > 10 * (counts.part + counts.none), "whole \(counts.whole), last part \(counts.part), none \(counts.none)")
    }

    /// The incidents' own calls, found by replaying the generator's injection, look like attacks
    /// in their records too: the tools an intruder uses and the fields a real call has.
    @Test func incidentRecordsShowTheAttack() throws {
        let s = Self.scenario
        let injected = Scenario.injectedEvents(seed: 0x5CE7_A210, end: s.end)
        let keys = Set(s.events.map(ScenarioRender.key))
        #expect(injected.count >= 50)
        #expect(injected.allSatisfy { keys.contains(ScenarioRender.key($0)) }, "the replayed injection matches the scenario's events")

        func text(_ match: (NormalizedEvent) -> Bool) throws -> String {
            let i = s.events.firstIndex(where: match)
            try #require(i != nil, "no such event")
            return String(decoding: ScenarioReplay.records[i!].line, as: UTF8.self)
        }
        let mint = try text { $0.action == "iam:CreateAccessKey" && $0.identity.hasSuffix("user/reporting-bot") }
        for piece in [#""requestParameters":{"userName":"deploy-bot"}"#, #""accessKey":{"userName":"deploy-bot","accessKeyId":"AKIA"#,
                      #""type":"IAMUser""#, "md/distrib#kali", #""sourceIPAddress":"203.0.113.77""#] {
            #expect(mint.contains(piece), "\(piece) in \(mint)")
        }
        let exec = try text { $0.action == "create pods/exec" && $0.identity == "system:serviceaccount:shop:cart-api" }
        for piece in ["command=%2Fbin%2Fsh", "tty=true", "kubectl/", #""subresource":"exec""#, #""code":101"#] {
            #expect(exec.contains(piece), "\(piece) in \(exec)")
        }
        // The routine runner's exec is the GitLab executor's shell probe, without a terminal.
        let runner = try text { $0.action == "create pods/exec" && $0.identity == "system:serviceaccount:ci:gitlab-runner" }
        #expect(runner.contains("gitlab-runner 17.5.0") && !runner.contains("tty=true"), "\(runner)")
    }

    @Test func renderingIsDeterministic() {
        let again = ScenarioRender(end: Self.scenario.end)
        for (e, r) in zip(Self.scenario.events, ScenarioReplay.records).prefix(5_000) {
            #expect(again.record(e).line == r.line)
        }
    }
}
