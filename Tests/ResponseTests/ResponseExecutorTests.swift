import Events
import Foundation
import Testing
@testable import Response

/// The path both the dialog and `nhitop revoke` take: run, then record; failures recorded as such.
@Suite struct ResponseExecutorTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-exec-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func executor(_ hooks: [Hook]) throws -> ResponseExecutor {
        ResponseExecutor(ledger: try Ledger(path: dir.appendingPathComponent("ledger.sqlite").path),
                         config: ResponseConfig(hooks: hooks), operatorInfo: OperatorInfo(user: "alice", sshAddress: "203.0.113.9"),
                         denylistPath: dir.appendingPathComponent("denylist.json").path)
    }

    @Test func aHookRunsAsArgvAndTheLedgerRecordsIt() async throws {
        let out = dir.appendingPathComponent("argv").path
        let hook = Hook(name: "rec", run: HookTemplate(command: "/bin/sh", args: ["-c", "printf '%s|' \"$@\" > \(out)", "sh", "$IDENTITY_ID", "$REASON"]),
                        undo: HookTemplate(command: "/bin/true", args: []), definitionHash: "hash-1")
        let ex = try executor([hook])
        let target = RevokeTarget(identity: "x; touch pwned $(id)", kind: .aiAgent)
        let plan = RevokePlanner.plan(target: target, config: ex.config, previous: nil)
        let result = await ex.revoke(plan: plan, step: 0, reason: "contain the leaked key")
        #expect(result.succeeded, "\(result)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "x; touch pwned $(id)|contain the leaked key|")
        let rows = try ex.ledger.entries()
        #expect(rows.count == 1)
        #expect(rows[0].outcome == .succeeded && rows[0].exitStatus == 0)
        #expect(rows[0].hook == "rec" && rows[0].hookHash == "hash-1" && rows[0].reversible)
        #expect(rows[0].operatorInfo.name == "alice")
        #expect(rows[0].argv.last == "contain the leaked key")
    }

    @Test func shortReasonsAndFailuresAreNotRevokes() async throws {
        let ex = try executor([Hook(name: "fails", run: HookTemplate(command: "/bin/sh", args: ["-c", "echo nope >&2; exit 3"]))])
        let plan = RevokePlanner.plan(target: RevokeTarget(identity: "agent:a", kind: .aiAgent), config: ex.config, previous: nil)
        let short = await ex.revoke(plan: plan, step: 0, reason: "too short")
        #expect(!short.succeeded)
        #expect(try ex.ledger.entries().isEmpty, "a refused revoke writes nothing")
        let failed = await ex.revoke(plan: plan, step: 0, reason: "a reason long enough")
        #expect(!failed.succeeded)
        #expect(failed.title.contains("not revoked"))
        #expect(failed.output.contains("nope"))
        let row = try #require(try ex.ledger.entries().first)
        #expect(row.outcome == .failed && row.exitStatus == 3 && !row.outcome.takesEffect)
    }

    @Test func aHookPastItsTimeoutIsRecordedAsTimedOut() async throws {
        let ex = try executor([Hook(name: "slow", run: HookTemplate(command: "sleep", args: ["600"]), timeoutSeconds: 1)])
        let plan = RevokePlanner.plan(target: RevokeTarget(identity: "agent:a", kind: .aiAgent), config: ex.config, previous: nil)
        let start = Date()
        let result = await ex.revoke(plan: plan, step: 0, reason: "a reason long enough")
        // Loose: see HookRunnerTests.stopped; the tight bound is in ResponseEndToEndTests.
        #expect(Date().timeIntervalSince(start) < HookRunnerTests.stopped)
        #expect(result.title.contains("timed out"))
        #expect(try ex.ledger.entries().first?.outcome == .timedOut)
    }

    @Test func theDenylistIsWrittenAndUndoneThroughTheLedger() async throws {
        let ex = try executor([])
        let target = RevokeTarget(identity: "agent:billing \"assistant\"", kind: .aiAgent)
        let plan = RevokePlanner.plan(target: target, config: ex.config, previous: nil)
        let step = try #require(plan.steps.firstIndex { $0.kind == .denylist })
        let result = await ex.revoke(plan: plan, step: step, reason: "refunds outside policy")
        #expect(result.succeeded)
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ex.denylistPath))) as? [String: Any]
        let revoked = (doc?["nhitop"] as? [String: Any])?["revoked"] as? [String: Any]
        #expect(revoked?.keys.contains(target.identity) == true)

        let revoke = try #require(try ex.ledger.entries().first)
        let undo = await ex.undo(plan: RevokePlanner.undoPlan(for: revoke, target: target, config: ex.config),
                                 target: target, reason: "false positive, confirmed with owner")
        #expect(undo.succeeded)
        let after = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ex.denylistPath))) as? [String: Any]
        let left = (after?["nhitop"] as? [String: Any])?["revoked"] as? [String: Any]
        #expect(left?.isEmpty == true)
        let rows = try ex.ledger.entries()
        #expect(rows.map(\.action) == [.revoke, .undo])
        #expect(rows[1].linkedActionID == revoke.actionID)
    }

    @Test func dryRunChangesNothingAndAcknowledgementIsRecorded() async throws {
        let marker = dir.appendingPathComponent("ran").path
        let hook = Hook(name: "h", run: HookTemplate(command: "/usr/bin/touch", args: [marker]),
                        dryRun: HookTemplate(command: "/bin/echo", args: ["would revoke", "$IDENTITY_ID"]))
        let ex = try executor([hook])
        let plan = RevokePlanner.plan(target: RevokeTarget(identity: "agent:a", kind: .aiAgent), config: ex.config, previous: nil)
        let dry = await ex.revoke(plan: plan, step: 0, reason: "rehearse before the real thing", dryRun: true)
        #expect(dry.succeeded)
        #expect(dry.output.contains("would revoke agent:a"))
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(try ex.ledger.entries().first?.outcome == .dryRun)
        let ack = ex.acknowledge(identity: "agent:a", kind: .aiAgent, note: "known maintenance")
        #expect(ack.succeeded)
        #expect(try ex.ledger.entries().last?.action == .acknowledge)
    }

    /// A bearer token never reaches the ledger: argv, output and the credential column are redacted.
    @Test func bearerSecretsAreRedactedInTheLedger() async throws {
        let token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
        let hook = Hook(name: "gh", run: HookTemplate(command: "/bin/echo", args: ["token=$CREDENTIAL_ID"]))
        let ex = try executor([hook])
        let plan = RevokePlanner.plan(target: RevokeTarget(identity: "gh-bot", kind: .githubToken, credentials: [token]),
                                      config: ex.config, previous: nil)
        let result = await ex.revoke(plan: plan, step: 0, reason: "token pasted in a public issue")
        #expect(result.succeeded)
        let row = try #require(try ex.ledger.entries().first)
        let everything = ([row.credential, row.output, row.reason] + row.argv).joined(separator: " ")
        #expect(!everything.contains(token), "\(row)")
        #expect(row.credential == RevokePlanner.shownCredential(token))
        #expect(row.argv == ["/bin/echo", "token=***"])
    }

    /// Two processes' deny-list revokes at once: both identities end up denied.
    @Test func concurrentDenylistRevokesKeepEveryEntry() async throws {
        let a = try executor([]), b = try executor([])
        let identities = (0..<8).map { "agent:concurrent-\($0)" }
        await withTaskGroup(of: Void.self) { group in
            for (i, identity) in identities.enumerated() {
                let ex = i % 2 == 0 ? a : b
                group.addTask {
                    let plan = RevokePlanner.plan(target: RevokeTarget(identity: identity, kind: .aiAgent), config: ex.config,
                                                  previous: nil)
                    _ = await ex.revoke(plan: plan, step: plan.steps.firstIndex { $0.kind == .denylist }!,
                                        reason: "concurrency of the deny-list")
                }
            }
        }
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: a.denylistPath))) as? [String: Any]
        let revoked = (doc?["nhitop"] as? [String: Any])?["revoked"] as? [String: Any] ?? [:]
        #expect(Set(revoked.keys) == Set(identities))
    }
}
