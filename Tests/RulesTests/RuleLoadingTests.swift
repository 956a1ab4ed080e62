import Events
import Foundation
import Testing
@testable import Rules

/// A Sigma rule file's text with `detection` (indented under `detection:`) and `logsource`.
func sigmaText(_ detection: String, product: String = "aws", service: String = "cloudtrail",
               tags: String = "[attack.persistence, attack.t1098.001, attack.privilege-escalation, attack.T1078]") -> String {
    """
    title: Test Sigma rule
    id: 11111111-2222-3333-4444-555555555555
    status: test
    author: Jane Doe (@jd)
    falsepositives:
        - Admins
    logsource:
        product: \(product)
        service: \(service)
    tags: \(tags)
    level: high
    detection:
    \(detection.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))

    """
}

func sigma(_ text: String, path: String = "rules/test.yml") -> RuleSet {
    RuleLoader.loadTexts(builtin: false, sigma: [.init(path: path, yaml: text)])
}

/// Loading: Sigma's keys and logsources, refusals that name what they refuse, the catalogue's
/// ids (replace, disable, add), and reasons.
@Suite struct RuleLoadingTests {
    @Test func sigmaRuleInfo() throws {
        let set = sigma(sigmaText("selection:\n    eventName: CreateAccessKey\ncondition: selection"))
        #expect(set.skipped.isEmpty)
        let info = try #require(set.rules.first)
        #expect(info.id == "11111111-2222-3333-4444-555555555555")
        #expect(info.source == .sigma)
        #expect(info.level == .high)
        #expect(info.format == .cloudtrail)
        #expect(info.tactic == "persistence")
        #expect(info.techniques == ["T1098.001", "T1078"])
        #expect(info.author == "Jane Doe (@jd)")
        #expect(info.falsePositives == ["Admins"])
        #expect(info.path == "rules/test.yml")
        let hit = try #require(decode(cloudTrail("CreateAccessKey"), rules: set).first?.ruleHits.first)
        #expect(hit.reason == "Test Sigma rule (Sigma rule by Jane Doe (@jd); persistence)")
    }

    @Test func sigmaLogsources() {
        let detection = "selection:\n    action: repo.destroy\ncondition: selection"
        #expect(sigma(sigmaText(detection, product: "github", service: "audit")).rules.first?.format == .github)
        #expect(sigma(sigmaText(detection, product: "kubernetes", service: "audit")).rules.first?.format == .k8sAudit)
        let windows = sigma(sigmaText(detection, product: "windows", service: "security"))
        #expect(windows.rules.isEmpty)
        #expect(windows.skipped.map(\.kind) == [.otherLogsource])
        #expect(windows.skipped.first?.reason.contains("windows") == true)
    }

    @Test(arguments: [
        ("selection:\n    CommandLine|expand: '%x%'\ncondition: selection", "'expand' in selection.CommandLine"),
        ("selection:\n    CommandLine|utf16le|base64: x\ncondition: selection", "'utf16le'"),
        ("selection:\n    CommandLine|wide|base64offset: x\ncondition: selection", "'wide'"),
        ("selection:\n    eventTime|minute: 5\ncondition: selection", "'minute'"),
        ("selection:\n    eventName: X\ncondition: selection | count() > 5", "aggregation"),
        ("selection:\n    eventName: X\ncondition: count(selection) > 5", "count()"),
        ("sel_a:\n    eventName: X\nsel_b:\n    eventName: Y\ncondition: 2 of sel_*", "'2 of'"),
        ("selection:\n    eventName: X\ntimeframe: 5m\ncondition: selection", "timeframe"),
        ("selection:\n    eventName|frobnicate: X\ncondition: selection", "'frobnicate'"),
    ])
    func unsupportedFeaturesAreNamed(detection: String, named: String) {
        let set = sigma(sigmaText(detection))
        #expect(set.rules.isEmpty)
        #expect(set.skipped.count == 1)
        #expect(set.skipped.first?.kind == .unsupported)
        #expect(set.skipped.first?.reason.contains(named) == true, "\(set.skipped)")
    }

    @Test(arguments: [
        ("selection:\n    eventName: X\ncondition: selecton", "selecton"),
        ("selection:\n    eventName: X", "no condition"),
        ("selection:\n    eventName: X\ncondition: 1 of filter_*", "filter_*"),
        ("selection:\n    eventName: X\ncondition: selection and", "ends early"),
        ("selection:\n    eventName|exists: maybe\ncondition: selection", "exists"),
        ("selection:\n    sourceIPAddress|cidr: 10.0.0.0/33\ncondition: selection", "CIDR"),
        ("selection:\n    count|gt: many\ncondition: selection", "not a number"),
        ("selection:\n    eventName|contains|startswith: X\ncondition: selection", "conflicting"),
        ("selection:\n    eventName: {a: b}\ncondition: selection", "map for a value"),
    ])
    func invalidRulesAreNamed(detection: String, named: String) {
        let set = sigma(sigmaText(detection))
        #expect(set.rules.isEmpty)
        #expect(set.skipped.first?.kind == .invalid)
        #expect(set.skipped.first?.reason.contains(named) == true, "\(set.skipped)")
    }

    @Test func badYAMLAndMissingKeysAreInvalid() {
        #expect(sigma("title: [unclosed").skipped.first?.kind == .invalid)
        #expect(sigma("title: x\nlogsource: {product: aws, service: cloudtrail}\n").skipped.first?.reason.contains("detection") == true)
    }

    @Test func filesAndFoldersLoadInPathOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-rules-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = sigmaText("s:\n    eventName: A\ncondition: s").replacingOccurrences(of: "Test Sigma rule", with: "Rule A")
        let b = sigmaText("s:\n    eventName: B\ncondition: s").replacingOccurrences(of: "Test Sigma rule", with: "Rule B")
        try b.write(to: dir.appendingPathComponent("b.yml"), atomically: true, encoding: .utf8)
        try a.write(to: dir.appendingPathComponent("sub/a.yaml"), atomically: true, encoding: .utf8)
        try "not a rule".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let set = RuleLoader.load(builtin: false, sigmaPaths: [dir.path, dir.path + "/missing.yml"])
        #expect(set.rules.map(\.title) == ["Rule B", "Rule A"])
        #expect(set.skipped.map(\.kind) == [.invalid])
        #expect(set.skipped.first?.path.hasSuffix("missing.yml") == true)
        #expect(hitIDs(set, cloudTrail("A")).count == 1)
    }

    // MARK: Catalogue

    static let base = """
    rules:
      - id: t.one
        title: One
        format: cloudtrail
        level: high
        tactic: exfiltration
        techniques: [T1537]
        detection: {s: {eventName: ModifySnapshotAttribute}, condition: s}
        reason: "shared snapshot {requestParameters.snapshotId} with {requestParameters.add.userId}"
      - id: t.two
        title: Two
        format: any
        level: low
        detection: {s: {userAgent: aws-cli*}, condition: s}
    """

    @Test func catalogueReasonFillsPlaceholders() throws {
        let set = RuleLoader.loadTexts(builtin: false, catalogues: [.init(path: "c.yml", yaml: Self.base)])
        #expect(set.skipped.isEmpty)
        let record = cloudTrail("ModifySnapshotAttribute", source: "ec2.amazonaws.com",
                                #""requestParameters":{"snapshotId":"snap-0abc","add":[{"userId":"111"},{"userId":"222"}]}"#)
        let hits = try #require(decode(record, rules: set).first?.ruleHits)
        #expect(hits.map(\.rule.id) == ["t.one", "t.two"])
        #expect(hits[0].reason == "shared snapshot snap-0abc with 111, 222 (exfiltration, T1537)")
        #expect(hits[1].reason == "Two")
        let missing = try #require(decode(cloudTrail("ModifySnapshotAttribute"), rules: set).first?.ruleHits.first)
        #expect(missing.reason == "shared snapshot ? with ? (exfiltration, T1537)")
    }

    @Test func reasonValuesAreCutAndMadeSafe() throws {
        let set = catalogueRule("s:\n  eventName: X\ncondition: s", reason: "agent {userAgent}")
        let long = String(repeating: "a", count: 120)
        let hit = try #require(decode(cloudTrail("X").replacingOccurrences(of: "aws-cli/2.0", with: long + #"\u001b[2J"#),
                                      rules: set).first?.ruleHits.first)
        #expect(hit.reason == "agent " + String(repeating: "a", count: 79) + "… (persistence, T1098)")
        let esc = try #require(decode(cloudTrail("X").replacingOccurrences(of: "aws-cli/2.0", with: #"x\u001b[2J"#),
                                      rules: set).first?.ruleHits.first)
        #expect(esc.reason == "agent x\\u{1B}[2J (persistence, T1098)")
    }

    @Test func userCatalogueReplacesDisablesAndAdds() {
        let user = """
        - {id: t.one, title: One again, format: cloudtrail, level: critical, detection: {s: {eventName: DeleteTrail}, condition: s}}
        - {id: t.two, disabled: true}
        - {id: t.three, title: Three, format: cloudtrail, detection: {s: {eventName: StopLogging}, condition: s}}
        - {id: t.bad, title: Bad, format: cloudtrail, detection: {s: {eventName|expand: x}, condition: s}}
        - {id: t.typo, title: Typo, format: cloudtrial, detection: {s: {eventName: x}, condition: s}}
        """
        let set = RuleLoader.loadTexts(builtin: false, catalogues: [.init(path: "base.yml", yaml: Self.base),
                                                                    .init(path: "user.yml", yaml: user)])
        #expect(set.rules.map(\.id) == ["t.one", "t.three"])
        #expect(set.rules.first?.level == .critical)
        #expect(set.rules.first?.path == "user.yml")
        #expect(set.skipped.map(\.kind) == [.unsupported, .invalid])
        #expect(set.skipped.allSatisfy { $0.path == "user.yml" })
        #expect(set.skipped.last?.reason.contains("cloudtrial") == true)
        #expect(hitIDs(set, cloudTrail("DeleteTrail")) == ["t.one"])
        #expect(hitIDs(set, cloudTrail("ModifySnapshotAttribute")).isEmpty)
    }

    @Test func formatAnyMeetsEveryFormat() {
        let set = catalogueRule("s:\n  '@identity|endswith': bob\ncondition: s", format: "any")
        let k8s = #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","stage":"ResponseComplete","auditID":"a3","verb":"get","user":{"username":"bob"},"objectRef":{"resource":"pods","namespace":"default"},"requestReceivedTimestamp":"2024-05-01T10:00:00Z"}"# + "\n"
        #expect(matches(set, k8s))
        #expect(matches(set, cloudTrail().replacingOccurrences(of: "user/alice", with: "user/bob")
            .replacingOccurrences(of: "\"userName\":\"alice\"", with: "\"userName\":\"bob\"")))
    }

    @Test func builtinCatalogueLoadsCleanly() {
        let set = RuleLoader.load(builtin: true)
        #expect(set.skipped.isEmpty, "\(set.skipped)")
        #expect(set.rules.allSatisfy { $0.source == .builtin && $0.path == "builtin" })
        #expect(Set(set.rules.map(\.id)).count == set.rules.count)
        let text = RuleLoader.builtinYAML
        let reparsed = RuleLoader.loadTexts(builtin: false, catalogues: [.init(path: "copy.yml", yaml: text)])
        #expect(reparsed.rules.map(\.id) == set.rules.map(\.id), "the printed catalogue loads back as itself")
    }

    // MARK: Index

    @Test func indexFilesRulesUnderRequiredValues() {
        let yaml = """
        - {id: a, title: A, format: cloudtrail, detection: {s: {eventName: [X, Y]}, condition: s}}
        - {id: b, title: B, format: cloudtrail, detection: {s: {eventSource: iam.amazonaws.com}, f: {eventName: X}, condition: s and not f}}
        - {id: c, title: C, format: cloudtrail, detection: {s: {eventName: X}, t: {userAgent: z}, condition: s or t}}
        - {id: d, title: D, format: cloudtrail, detection: {s: {eventName: X}, t: {eventName: Z}, condition: 1 of them}}
        - {id: e, title: E, format: cloudtrail, detection: {s: {eventName|startswith: X}, condition: s}}
        - {id: f, title: F, format: k8s_audit, detection: {s: {verb: create, objectRef.resource: pods}, condition: s}}
        """
        let set = RuleLoader.loadTexts(builtin: false, catalogues: [.init(path: "t.yml", yaml: yaml)])
        #expect(set.skipped.isEmpty)
        #expect(set.scannedRuleCount(for: .cloudtrail) == 1)  // e (startswith); c is filed under eventName and userAgent
        #expect(set.scannedRuleCount(for: .k8sAudit) == 0)
        #expect(hitIDs(set, cloudTrail("X").replacingOccurrences(of: "aws-cli/2.0", with: "z")) == ["a", "c", "d", "e"])
        #expect(hitIDs(set, cloudTrail("Z")) == ["b", "d"])
        #expect(hitIDs(set, cloudTrail("Other").replacingOccurrences(of: "aws-cli/2.0", with: "z")) == ["b", "c"])
        #expect(hitIDs(set, cloudTrail("y", source: "s3.amazonaws.com")) == ["a"])
    }

    @Test func prefixesPastASlashAreFiledByFirstSegment() {
        let yaml = """
        - {id: p, title: P, format: vault, detection: {s: {request.path|startswith: [sys/policies/, SYS/audit]}, condition: s}}
        - {id: q, title: Q, format: vault, detection: {s: {request.path: secret/data/ci/npm-token}, condition: s}}
        - {id: r, title: R, format: vault, detection: {s: {request.path|startswith: secret}, condition: s}}
        """
        let set = RuleLoader.loadTexts(builtin: false, catalogues: [.init(path: "t.yml", yaml: yaml)])
        #expect(set.skipped.isEmpty)
        #expect(set.scannedRuleCount(for: .vault) == 1)  // r: a prefix with no `/` has no segment
        let vault = { (path: String) in
            #"{"time":"2026-11-29T11:30:00.318Z","type":"response","auth":{"accessor":"acc1","display_name":"approle-ci","policies":["default"]},"request":{"id":"r1","operation":"update","path":""# + path + #"","remote_address":"192.0.2.14"},"response":{}}"# + "\n"
        }
        #expect(hitIDs(set, vault("sys/policies/acl/admin")) == ["p"])
        #expect(hitIDs(set, vault("sys/audit/file")) == ["p"])
        #expect(hitIDs(set, vault("Secret/data/ci/npm-token")) == ["q", "r"])
        #expect(hitIDs(set, vault("sys/mounts")) == [])
        let names = RuleLoader.loadTexts(builtin: false, catalogues: [.init(path: "n.yml", yaml: """
        - {id: n, title: N, format: cloudtrail, detection: {s: {userIdentity.arn|startswith: 'ARN:aws:iam::111122223333:'}, condition: s}}
        """)])
        #expect(names.scannedRuleCount(for: .cloudtrail) == 0)  // filed under its first segment, `arn:`
        #expect(hitIDs(names, cloudTrail()) == ["n"])
        #expect(hitIDs(names, cloudTrail().replacingOccurrences(of: "111122223333:user", with: "999:user")) == [])
    }
}

/// Rule files are input too: nothing in one may trap or exhaust the stack.
@Suite struct HostileRuleTests {
    @Test func deeplyNestedConditionsAreRefused() {
        let deep = String(repeating: "(", count: 10_000) + "s" + String(repeating: ")", count: 10_000)
        let set = sigma(sigmaText("s:\n    eventName: X\ncondition: '\(deep)'"))
        #expect(set.skipped.first?.reason.contains("nested deeper") == true)
        let nots = String(repeating: "not ", count: 10_000) + "s"
        #expect(sigma(sigmaText("s:\n    eventName: X\ncondition: \(nots)")).skipped.first?.kind == .invalid)
        let shallow = String(repeating: "(", count: 20) + "s" + String(repeating: ")", count: 20)
        #expect(sigma(sigmaText("s:\n    eventName: X\ncondition: '\(shallow)'")).rules.count == 1)
    }

    @Test func manyDashesAreRefusedForWindash() {
        let set = sigma(sigmaText("s:\n    CommandLine|windash: ' -a -b -c -d -e'\ncondition: s"))
        #expect(set.skipped.first?.kind == .unsupported)
    }
}
