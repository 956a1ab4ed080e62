import Foundation
import Testing

/// The SigmaHQ rules for the formats nhitop reads, `<package root>/../shared/sigma`: absent
/// from a plain clone (the tests that need it skip, visibly), required under `CI=true`.
enum SigmaRules {
    static let url: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // EndToEndTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/sigma").standardizedFileURL

    static let isAvailable: Bool = {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }()

    /// CI must run the tests that read it, not skip them.
    static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}

extension EndToEnd {
    /// `nhitop rules` through the real binary: the listing and its JSON contract, a broken Sigma
    /// rule named and skipped while the rest load, `--test` pointing at file and line.
    @Suite(.enabled(if: nhitopBinary() != nil, "needs a built nhitop"))
    struct RulesCommandEndToEndTests {
        let bin = nhitopBinary() ?? "nhitop"

        struct Run {
            let status: Int32
            let stdout: String
            let stderr: String
        }

        func run(_ args: [String], in dir: String) throws -> Run {
            let out = dir + "/stdout", err = dir + "/stderr"
            let process = try Spawned([bin] + args, stdout: .file(out), stderr: .file(err))
            let status = try process.exitStatus(timeout: 60, "nhitop \(args.joined(separator: " "))")
            return Run(status: status,
                       stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                       stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
        }

        func tempDir() throws -> String {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-rules-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            return dir
        }

        func listing(_ r: Run) throws -> (rules: [[String: Any]], skipped: [[String: Any]]) {
            let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
                                      "stdout: \(r.stdout)\nstderr: \(r.stderr)")
            #expect(Set(object.keys) == ["rules", "skipped"])
            return (try #require(object["rules"] as? [[String: Any]]), try #require(object["skipped"] as? [[String: Any]]))
        }

        /// A Sigma rule nhitop can load: CloudTrail's StopLogging.
        static let goodRule = """
            title: Trail switched off (test)
            id: 0f6c1f3e-7d1b-4c55-9a8e-1a2b3c4d5e6f
            status: test
            author: nhitop tests
            logsource:
              product: aws
              service: cloudtrail
            detection:
              selection:
                eventSource: cloudtrail.amazonaws.com
                eventName: StopLogging
              condition: selection
            level: high
            tags:
              - attack.defense-evasion
            """

        /// A rule whose condition names a selection it does not have.
        static let brokenRule = """
            title: Broken (test)
            id: 9d1c2b3a-0000-4000-8000-00000000bad0
            logsource:
              product: aws
              service: cloudtrail
            detection:
              selection:
                eventName: StopLogging
              condition: selection and missing_one
            level: low
            """

        @Test func jsonListsTheBuiltInRules() throws {
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let r = try run(["rules", "--json"], in: dir)
            #expect(r.status == 0, "stderr: \(r.stderr)")
            let (rules, skipped) = try listing(r)
            #expect(!rules.isEmpty, "the built-in catalogue loads")
            #expect(skipped.isEmpty, "every built-in rule loads: \(skipped)")
            for rule in rules {
                #expect(Set(rule.keys) == ["id", "title", "source", "level", "tactic", "path"])
                #expect(rule["source"] as? String == "builtin")
            }
            // The same input gives the same bytes.
            #expect(try run(["rules", "--json"], in: dir).stdout == r.stdout)
        }

        @Test func aBrokenSigmaRuleIsNamedAndSkippedWhileTheGoodOneLoads() throws {
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let rules = dir + "/sigma"
            try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
            try Self.goodRule.write(toFile: rules + "/good.yml", atomically: true, encoding: .utf8)
            try Self.brokenRule.write(toFile: rules + "/broken.yml", atomically: true, encoding: .utf8)

            let text = try run(["rules", "--no-builtin-rules", "--rules", rules], in: dir)
            #expect(text.status == 0, "a rule that does not load is not a failed run; stderr: \(text.stderr)")
            #expect(text.stderr.contains("nhitop: rule not loaded: \(rules)/broken.yml: "), "stderr: \(text.stderr)")
            #expect(!text.stderr.contains("good.yml"))
            #expect(text.stdout.contains("0f6c1f3e-7d1b-4c55-9a8e-1a2b3c4d5e6f"))
            #expect(text.stdout.contains("Trail switched off (test)"))
            #expect(text.stdout.contains("skipped  \(rules)/broken.yml: "))
            #expect(text.stdout.hasSuffix("1 rule (0 built-in, 1 Sigma); 1 skipped: 1 invalid\n"), "stdout: \(text.stdout)")

            let json = try run(["rules", "--json", "--rules", rules], in: dir)
            #expect(json.status == 0)
            let (loaded, skipped) = try listing(json)
            let sigma = loaded.filter { $0["source"] as? String == "sigma" }
            #expect(sigma.count == 1)
            #expect(sigma.first?["id"] as? String == "0f6c1f3e-7d1b-4c55-9a8e-1a2b3c4d5e6f")
            #expect(sigma.first?["level"] as? String == "high")
            #expect(sigma.first?["tactic"] as? String == "defense-evasion")
            #expect(sigma.first?["path"] as? String == rules + "/good.yml")
            #expect(skipped.count == 1)
            #expect(skipped.first?["path"] as? String == rules + "/broken.yml")
            #expect(Set(skipped.first?.keys.map { $0 } ?? []) == ["path", "reason"])
            let reason = skipped.first?["reason"] as? String ?? ""
            #expect(reason.contains("missing_one"), "the reason says what is wrong: \(reason)")
        }

        /// The risk config's `rules:` are taken from beside the config file.
        @Test func theRiskConfigAddsRulesRelativeToItsFolder() throws {
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try FileManager.default.createDirectory(atPath: dir + "/conf/sigma", withIntermediateDirectories: true)
            try Self.goodRule.write(toFile: dir + "/conf/sigma/good.yml", atomically: true, encoding: .utf8)
            try "rules: [sigma]\n".write(toFile: dir + "/conf/risk.yaml", atomically: true, encoding: .utf8)
            let r = try run(["rules", "--json", "--no-builtin-rules", "--risk-config", dir + "/conf/risk.yaml"], in: dir)
            #expect(r.status == 0, "stderr: \(r.stderr)")
            let (rules, _) = try listing(r)
            #expect(rules.map { $0["path"] as? String } == [dir + "/conf/sigma/good.yml"])
        }

        /// The same folder in `rules:` and on the command line (absolute and relative) loads
        /// once: twice would double every match. A `suppress:` id that is not loaded is said.
        @Test func aFolderNamedTwiceLoadsOnceAndAStaleMuteIsSaid() throws {
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try FileManager.default.createDirectory(atPath: dir + "/conf/sigma", withIntermediateDirectories: true)
            try Self.goodRule.write(toFile: dir + "/conf/sigma/good.yml", atomically: true, encoding: .utf8)
            try "rules: [sigma]\nsuppress: [{rule: no-such-rule}]\n".write(toFile: dir + "/conf/risk.yaml", atomically: true, encoding: .utf8)
            let r = try run(["rules", "--json", "--no-builtin-rules", "--risk-config", dir + "/conf/risk.yaml",
                             "--rules", "conf/sigma/"], in: dir)
            #expect(r.status == 0, "stderr: \(r.stderr)")
            let (rules, _) = try listing(r)
            #expect(rules.count == 1, "\(rules)")
            #expect(r.stderr.contains("suppress: rule no-such-rule is not loaded"), "stderr: \(r.stderr)")
        }

        /// `suppress:` entries are listed in the text, with their reason, as `muted` lines.
        @Test func theTextListsTheConfigsMutes() throws {
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try """
            suppress:
              - { rule: aws.ec2.snapshot-shared, identity: "backup-*", until: 2026-12-31, reason: DR copies }
              - { signal: rule, identity: "system:node:*" }
            """.write(toFile: dir + "/risk.yaml", atomically: true, encoding: .utf8)
            let r = try run(["rules", "--risk-config", dir + "/risk.yaml"], in: dir)
            #expect(r.status == 0, "stderr: \(r.stderr)")
            #expect(r.stdout.contains("\nmuted  rule aws.ec2.snapshot-shared  identity backup-*  until 2026-12-31T00:00:00Z: DR copies\n"))
            #expect(r.stdout.contains("\nmuted  signal rule  identity system:node:*\n"))
            let bad = try run(["rules", "--risk-config", dir + "/missing.yaml"], in: dir)
            #expect(bad.status != 0 && bad.stderr.contains("missing.yaml"))
        }

        @Test func testModeShowsFileLineAndRuleOfEachMatch() throws {
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try FileManager.default.createDirectory(atPath: dir + "/sigma", withIntermediateDirectories: true)
            try Self.goodRule.write(toFile: dir + "/sigma/good.yml", atomically: true, encoding: .utf8)
            func record(_ event: String) -> String {
                #"{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::123456789012:user/svc-ops","accountId":"123456789012","accessKeyId":"AKIAEXAMPLE"},"eventTime":"2026-11-29T10:00:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"\#(event)","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.9","requestParameters":{"name":"main-trail"},"eventID":"\#(UUID().uuidString)"}"#
            }
            let log = dir + "/trail.jsonl"
            try [record("DescribeTrails"), record("StopLogging"), record("GetTrailStatus")]
                .joined(separator: "\n").appending("\n").write(toFile: log, atomically: true, encoding: .utf8)

            let text = try run(["rules", "--no-builtin-rules", "--rules", dir + "/sigma", "--test", log], in: dir)
            #expect(text.status == 0, "stderr: \(text.stderr)")
            #expect(text.stdout.split(separator: "\n").count == 2, "one match line, then the count: \(text.stdout)")
            #expect(text.stdout.hasPrefix("\(log):2  high  0f6c1f3e-7d1b-4c55-9a8e-1a2b3c4d5e6f  Trail switched off (test) (Sigma rule by "),
                    "stdout: \(text.stdout)")
            // A Sigma reason starts with the title already: the line does not say it twice.
            #expect(text.stdout.components(separatedBy: "Trail switched off (test)").count == 2)
            #expect(text.stdout.hasSuffix("\n1 match in 3 records of 1 file\n"), "stdout: \(text.stdout)")

            let json = try run(["rules", "--no-builtin-rules", "--rules", dir + "/sigma", "--test", "--json", log], in: dir)
            #expect(json.status == 0)
            let lines = json.stdout.split(separator: "\n")
            #expect(lines.count == 1, "one JSON object per match and nothing else: \(json.stdout)")
            let hit = try #require(JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
            #expect(Set(hit.keys) == ["path", "line", "rule", "identity", "action", "reason"])
            #expect(hit["path"] as? String == log)
            #expect(hit["line"] as? Int == 2)
            #expect(hit["identity"] as? String == "arn:aws:iam::123456789012:user/svc-ops")
            let rule = try #require(hit["rule"] as? [String: Any])
            #expect(Set(rule.keys) == ["id", "title", "source", "level", "tactic"])
            #expect(rule["id"] as? String == "0f6c1f3e-7d1b-4c55-9a8e-1a2b3c4d5e6f")
            #expect(rule["source"] as? String == "sigma")
        }

        @Test func testModeFailsInOneLineWhenAFileCannotBeRead() throws {
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let r = try run(["rules", "--test", dir + "/no-such.log"], in: dir)
            #expect(r.status == 1)
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("nhitop: ") && lines[0].contains("no-such.log"),
                    "stderr: \(r.stderr)")
        }

        @Test(.enabled(if: SigmaRules.isAvailable || SigmaRules.required, "needs ../shared/sigma beside the clone"))
        func theSharedSigmaRulesLoad() throws {
            try #require(SigmaRules.isAvailable, "CI=true and \(SigmaRules.url.path) is missing")
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let r = try run(["rules", "--json", "--rules", SigmaRules.url.path], in: dir)
            #expect(r.status == 0, "stderr: \(r.stderr)")
            let (rules, skipped) = try listing(r)
            let sigma = rules.filter { $0["source"] as? String == "sigma" }
            #expect(sigma.count >= 85, "\(sigma.count) Sigma rules loaded; skipped: \(skipped)")
        }
    }
}
