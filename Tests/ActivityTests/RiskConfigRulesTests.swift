import Events
import Foundation
import Testing
@testable import Activity

/// `rules:`, `catalogue:` and `suppress:` in the risk config: read strictly, every mistake one
/// line naming the file and the key, and relative paths taken from the config file's folder.
@Suite struct RiskConfigRulesTests {
    func parse(_ yaml: String) throws -> RiskConfig { try RiskConfig.parse(yaml: yaml, source: "risk.yaml") }
    func error(_ yaml: String) -> String? { riskConfigError(yaml) }

    static func day(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0) -> EventTime {
        EventTime(seconds: CivilTime(year: y, month: m, day: d, hour: h, minute: min, second: 0).epochSeconds)
    }

    @Test func rulesAndCataloguePathsAreRead() throws {
        let c = try parse("""
            rules: [sigma/cloud, /etc/nhitop/sigma]
            catalogue:
              - mine.yaml
            """)
        #expect(c.rulePaths == ["sigma/cloud", "/etc/nhitop/sigma"])
        #expect(c.cataloguePaths == ["mine.yaml"])
        #expect(try parse("rules:\ncatalogue:\nsuppress:\n") == .standard)
    }

    @Test func everySuppressionFieldIsRead() throws {
        let c = try parse("""
            suppress:
              - rule: aws.ec2.snapshot-shared
                identity: "backup-*"
                until: 2026-12-31
                reason: DR copies to our own account
              - signal: first_action
                until: "2026-06-01T12:30:00+02:00"
              - { rule: 7b0d4d3a-0000-4000-8000-000000000001 }
            """)
        #expect(c.suppressions == [
            Suppression(target: .rule("aws.ec2.snapshot-shared"), identity: "backup-*",
                        until: Self.day(2026, 12, 31), reason: "DR copies to our own account"),
            Suppression(target: .signal(.firstAction), until: Self.day(2026, 6, 1, 10, 30)),
            Suppression(target: .rule("7b0d4d3a-0000-4000-8000-000000000001")),
        ])
        #expect(c.suppressions[2].identity == "*", "every identity unless said")
        #expect(c.suppressions[2].until == nil, "forever unless said")
    }

    /// `signal: rule` mutes every rule's matches (for the identities named).
    @Test func theRuleSignalNameIsAccepted() throws {
        let c = try parse("suppress:\n  - { signal: rule, identity: \"system:node:*\" }\n")
        #expect(c.suppressions == [Suppression(target: .signal(.rule), identity: "system:node:*")])
    }

    @Test func mistakesNameTheFileAndTheKey() {
        #expect(error("rules: sigma/") == "risk.yaml: rules: expected a list of paths")
        #expect(error("catalogue: [[a]]") == "risk.yaml: catalogue[0]: must be a string")
        #expect(error("rules: ['']") == "risk.yaml: rules[0]: must not be empty")
        #expect(error("rules: [~/sigma]") == "risk.yaml: rules[0]: write the full path: ~ is not expanded")
        #expect(error("suppress: {rule: x}")?.hasPrefix("risk.yaml: suppress: expected a list") == true)
        #expect(error("suppress: [x]")?.hasPrefix("risk.yaml: suppress[0]: expected a mapping") == true)
        #expect(error("suppress: [{identity: a}]")
                == "risk.yaml: suppress[0]: needs rule (a rule id) or signal (a signal name)")
        // A revoke that did not hold is acknowledged case by case, never muted by a standing rule.
        #expect(error("suppress: [{signal: used_after_revoke}]")
                == "risk.yaml: suppress[0].signal: used_after_revoke cannot be suppressed (acknowledge it in the dashboard instead)")
        #expect(error("suppress: [{rule: a, signal: whoami}]")
                == "risk.yaml: suppress[0].signal: give rule or signal, not both")
        #expect(error("suppress: [{rule: a}, {rule: b, until: 2026-12-32}]")
                == "risk.yaml: suppress[1].until: must be an RFC 3339 date (2026-12-31) or time (2026-12-31T18:00:00Z)")
        #expect(error("suppress: [{rule: a}, {rule: b}, {rule: c, until: next week}]")?
                    .hasPrefix("risk.yaml: suppress[2].until: must be an RFC 3339") == true)
        #expect(error("suppress: [{signal: first_actoin}]")?
                    .hasPrefix("risk.yaml: suppress[0].signal: unknown signal \"first_actoin\" (known: new_network,") == true)
        #expect(error("suppress: [{rule: a, identiy: b}]")
                == "risk.yaml: suppress[0].identiy: unknown key (known: rule, signal, identity, until, reason)")
        #expect(error("suppress: [{rule: a, identity: ''}]")?.hasPrefix("risk.yaml: suppress[0].identity: must not be empty") == true)
        #expect(error("suppress: [{rule: }]") == "risk.yaml: suppress[0].rule: must be a string")
        #expect(error("suppress: [{rule: [a, b]}]") == "risk.yaml: suppress[0].rule: must be a string")
        #expect(error("suppress: [{rule: a, reason: {x: 1}}]") == "risk.yaml: suppress[0].reason: must be a string")
        #expect(error("rule: [a]")?.hasPrefix("risk.yaml: rule: unknown key (known:") == true)
    }

    /// Paths in a config are the author's, beside the file: nhitop may be started anywhere.
    @Test func relativePathsAreResolvedAgainstTheConfigFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-risk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("risk.yaml").path
        try "rules: [sigma, /abs/sigma]\ncatalogue: [../shared/mine.yaml]\n".write(toFile: file, atomically: true, encoding: .utf8)
        let c = try RiskConfig.load(contentsOf: file)
        #expect(c.rulePaths == [dir.path + "/sigma", "/abs/sigma"])
        #expect(c.cataloguePaths == [dir.path + "/../shared/mine.yaml"])
    }

    @Test func theExampleFileDocumentsTheRuleKeys() throws {
        let text = try String(contentsOfFile: RiskConfigTests.repoRoot.appendingPathComponent("examples/risk.yaml").path,
                              encoding: .utf8)
        let comments = text.split(separator: "\n").filter { $0.hasPrefix("#") }
        for key in ["rules:", "catalogue:", "suppress:", "rule:", "signal:", "identity:", "until:", "reason:"] {
            #expect(comments.contains { $0.contains(" \(key)") }, "examples/risk.yaml shows no commented \(key)")
        }
    }
}
