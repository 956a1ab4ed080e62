import Activity
import Events
import Foundation
import Ingest
import Rules

/// The rule engine under fuzzing: hostile records against every loaded rule, and hostile rule
/// files (a user's `--rules` folder is input too) against real records.
extension FuzzHarness {
    /// The built-in catalogue, plus every Sigma rule under `$NHITOP_FUZZ_SIGMA` when set
    /// (bench/fuzz/run.sh points it at ../shared/sigma), loaded once per process.
    public static let rulesOptions: IngestOptions = {
        var options = IngestOptions()
        let sigma = ProcessInfo.processInfo.environment["NHITOP_FUZZ_SIGMA"].map { [$0] } ?? []
        options.rules = RuleLoader.load(builtin: true, sigmaPaths: sigma)
        return options
    }()

    /// Decodes with every rule loaded (the whole-versus-chunked check then also covers the
    /// hits), and folds the events so rule contributions meet the scorer.
    public static func decodeWithRules(_ input: UnsafeRawBufferPointer) {
        let events = decode(input, options: rulesOptions)
        var aggregator = ActivityAggregator(limits: smallLimits)
        for e in events { aggregator.ingest(e) }
        for row in aggregator.rows().prefix(4) { _ = aggregator.snapshot(detailFor: row.identity) }
    }

    /// Records of every format that the fuzzed rules are run against: real shapes with nested
    /// objects, arrays of objects, numbers, booleans, nulls and escapes.
    static let ruleTargets: [UInt8] = Array("""
    {"eventVersion":"1.08","eventTime":"2026-01-01T00:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"ModifySnapshotAttribute","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/a","accessKeyId":"AKIAEXAMPLE"},"requestParameters":{"snapshotId":"snap-1","createVolumePermission":{"add":{"items":[{"userId":"999988887777"},{"group":"all"}]}},"n":22,"b":true,"z":null,"s":"a\\u0000\\"b"},"responseElements":null}
    {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"1","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/pods","verb":"create","user":{"username":"system:anonymous","groups":["system:unauthenticated"]},"sourceIPs":["10.0.0.1","::1"],"objectRef":{"resource":"pods","namespace":"default","name":"p","apiVersion":"v1"},"responseStatus":{"code":201},"requestObject":{"spec":{"hostPID":true,"containers":[{"image":"nginx","securityContext":{"privileged":true}}],"volumes":[{"hostPath":{"path":"/"}}]}},"requestReceivedTimestamp":"2026-01-01T00:00:00.000000Z","stageTimestamp":"2026-01-01T00:00:00.000000Z","annotations":{"authorization.k8s.io/decision":"allow"}}
    {"@timestamp":1767225600000,"action":"repository_secret_scanning_push_protection.disable","actor":"bot","org":"acme","repo":"acme/app","actor_ip":"198.51.100.1"}
    {"time":"2026-01-01T00:00:00Z","type":"response","auth":{"accessor":"hmac-sha256:ab","display_name":"approle-ci","policies":["root"]},"request":{"id":"r1","operation":"delete","path":"sys/audit/file","remote_address":"10.1.1.1"},"response":{}}
    {"decision_id":"d","path":"agents/tools/allow","input":{"agent":"agent:x","tool":"shell.exec","args":{"cmd":"curl http://x"}},"result":false,"timestamp":"2026-01-01T00:00:00Z"}

    """.utf8)

    /// Compiles `input` as a Sigma rule and as a catalogue file, then runs what compiled over
    /// `ruleTargets`. Nothing a rule file holds may trap, hang or escape: it is skipped or it loads.
    public static func compileRules(_ input: UnsafeRawBufferPointer) {
        let text = String(decoding: input, as: UTF8.self)
        let texts = [RuleLoader.RuleText(path: "fuzz.yml", yaml: text)]
        for set in [RuleLoader.loadTexts(builtin: false, sigma: texts), RuleLoader.loadTexts(builtin: false, catalogues: texts)] {
            guard !set.isEmpty else { continue }
            var options = IngestOptions()
            options.rules = set
            var decoder = SourceDecoder(sourceName: "targets", options: options)
            ruleTargets.withUnsafeBytes { decoder.feed($0) { _ in } }
        }
    }
}
