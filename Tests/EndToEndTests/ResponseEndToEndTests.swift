import Foundation
import Testing

/// A scratch folder with a hook that records its argv (NUL-separated) to a file, a config
/// naming it, a ledger path and a log of nhitop events.
struct ResponseScratch {
    let dir: URL
    var path: String { dir.path }
    var config: String { dir.appendingPathComponent("config.yaml").path }
    var ledger: String { dir.appendingPathComponent("ledger.sqlite").path }
    var log: String { dir.appendingPathComponent("events.jsonl").path }
    var argvFile: String { dir.appendingPathComponent("argv.bin").path }

    init(hookTimeout: String = "10s", sleep: Int = 0) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-resp-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let script = dir.appendingPathComponent("record-argv.sh").path
        // Records exactly the elements it was given; a shell never sees them as code.
        let body = "#!/bin/sh\n" + (sleep > 0 ? "sleep \(sleep)\n" : "") + "printf '%s\\0' \"$@\" > '\(argvFile)'\necho recorded \"$#\" arguments\n"
        try body.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let yaml = """
        hooks:
          record:
            description: records its argv to a file
            command: \(script)
            args: ["--identity", "$IDENTITY_ID", "--reason", "$REASON"]
            timeout: \(hookTimeout)
            undo: {command: \(script), args: ["undo", "$IDENTITY_ID"]}
            survivors: "nothing: it only writes a file"
        """
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        chmod(config, 0o644)
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }

    /// The argv the hook recorded, element by element; nil when it never ran.
    func recordedArgv() -> [String]? {
        guard let data = FileManager.default.contents(atPath: argvFile) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\0", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
    }

    static func event(_ identity: String, _ time: Date, decision: String = "allow", action: String = "tool:search") -> String {
        let escaped = identity.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return #"{"ts":"\#(rfc3339(time))","identity":"\#(escaped)","kind":"ai_agent","action":"\#(action)","decision":"\#(decision)"}"# + "\n"
    }

    static func rfc3339(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: d)
    }

    func writeLog(_ lines: [String]) throws {
        try lines.joined().write(toFile: log, atomically: true, encoding: .utf8)
    }

    func append(_ line: String) throws {
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try h.seekToEnd()
        try h.write(contentsOf: Data(line.utf8))
        try h.close()
    }
}

extension EndToEnd {
    /// Response acceptance (issue 7) through the real binary in tmux and headless.
    @Suite(.serialized, .enabled(if: Tmux.available && nhitopBinary() != nil, "needs tmux and a built nhitop"))
    struct ResponseEndToEndTests {
        let bin = nhitopBinary() ?? "nhitop"
        static let hostile = "x; touch pwned $(id)"

        func ledgerJSON(_ s: ResponseScratch) throws -> [String: Any] {
            let (status, out) = try Tmux.run([bin, "ledger", "--json", "--ledger", s.ledger])
            #expect(status == 0, "nhitop ledger: \(out)")
            return try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
        }

        /// R on the selected identity, the first step of the plan, a fresh reason, Enter: the
        /// dialog then waits at its y/N confirmation.
        func revokeUpToConfirmation(_ tmux: Tmux, reason: String) throws {
            try tmux.keys("R")
            try tmux.waitFor("the plan", timeout: 5) { $0.contains("--identity") }
            try tmux.keys("Enter")                        // the first step: the configured hook
            try tmux.keys("C-u")                          // clear the suggested reason
            try tmux.tmux(["send-keys", "-t", tmux.session, "-l", reason])
            try tmux.keys("Enter")
            try tmux.waitFor("the confirmation", timeout: 5) { $0.contains("[y]") }
        }

        /// Starts the dashboard in `tmux`; `exitStatus()` on the result waits for it to end.
        func start(_ tmux: Tmux, _ s: ResponseScratch, extra: String = "") throws -> TypedCommand {
            try tmux.start("cd \(s.path) && \(bin) --config \(s.config) --ledger \(s.ledger) \(extra) \(s.log)")
        }

        /// Acceptance 1: R, a reason and the confirmation run the hook with the identity as
        /// exactly one argv element; the ledger lists it with reason and operator.
        @Test func revokeFromTheDialogRunsTheHookAndIsRecorded() throws {
            let s = try ResponseScratch()
            defer { s.remove() }
            try s.writeLog([ResponseScratch.event(Self.hostile, Date())])
            let tmux = try Tmux(width: 120, height: 40)
            let run = try start(tmux, s)
            try tmux.waitFor("the identity", timeout: 5) { $0.contains("touch pwned") }
            try revokeUpToConfirmation(tmux, reason: "leaked key seen in a public paste")
            try tmux.keys("y")
            try tmux.waitFor("the result", timeout: 10) { $0.contains("revoked with record") }
            #expect(s.recordedArgv() == ["--identity", Self.hostile, "--reason", "leaked key seen in a public paste"])
            #expect(!FileManager.default.fileExists(atPath: s.dir.appendingPathComponent("pwned").path))
            try tmux.keys("Escape")
            try tmux.waitFor("the row to show the revoke", timeout: 5) { $0.contains("PENDING") }

            // U undoes it with the hook's undo, a reason and a y; the row loses its badge.
            try tmux.keys("U")
            try tmux.waitFor("the undo dialog", timeout: 5) { $0.contains("Undo") }
            try tmux.keys("C-u")
            try tmux.tmux(["send-keys", "-t", tmux.session, "-l", "false positive: owner confirmed the paste was fake"])
            try tmux.keys("Enter")
            try tmux.waitFor("the undo confirmation", timeout: 5) { $0.contains("[y]") }
            try tmux.keys("y")
            try tmux.waitFor("the undo result", timeout: 10) { $0.contains("revoke undone") }
            #expect(s.recordedArgv() == ["undo", Self.hostile])
            try tmux.keys("Escape")
            try tmux.waitFor("the badge to go", timeout: 5) { !$0.contains("PENDING") && !$0.contains("REVOKED") }
            try tmux.keys("q")
            #expect(try run.exitStatus() == 0)

            let json = try ledgerJSON(s)
            #expect(json["verified"] as? Bool == true)
            let entries = json["entries"] as? [[String: Any]] ?? []
            #expect(entries.count == 2)
            #expect(entries.last?["action"] as? String == "undo")
            #expect(entries.last?["linked_action_id"] as? String == entries.first?["action_id"] as? String)
            #expect(entries.first?["identity"] as? String == Self.hostile)
            #expect(entries.first?["reason"] as? String == "leaked key seen in a public paste")
            #expect(entries.first?["outcome"] as? String == "succeeded")
            #expect(entries.first?["hook"] as? String == "record")
            let operatorName = entries.first?["operator"] as? String ?? ""
            #expect(!operatorName.isEmpty)
            #expect(entries.first?["argv"] as? [String] == [s.dir.appendingPathComponent("record-argv.sh").path,
                                                            "--identity", Self.hostile, "--reason", "leaked key seen in a public paste"])
        }

        /// Acceptance 1: Esc at each step of the dialog runs nothing; --read-only makes R do nothing.
        @Test func escapeAndReadOnlyRunNothing() throws {
            let s = try ResponseScratch()
            defer { s.remove() }
            try s.writeLog([ResponseScratch.event("agent:escape-test", Date())])
            let tmux = try Tmux(width: 120, height: 40)
            let run = try start(tmux, s)
            try tmux.waitFor("the identity", timeout: 5) { $0.contains("agent:escape-test") }
            // Esc at the plan.
            try tmux.keys("R")
            try tmux.waitFor("the plan", timeout: 5) { $0.contains("--identity") }
            try tmux.keys("Escape")
            try tmux.waitFor("the dialog to close", timeout: 3) { !$0.contains("--identity") }
            // Esc at the reason.
            try tmux.keys("R")
            try tmux.waitFor("the plan", timeout: 5) { $0.contains("--identity") }
            try tmux.keys("Enter")
            try tmux.tmux(["send-keys", "-t", tmux.session, "-l", "a reason long enough"])
            try tmux.keys("Escape")
            try tmux.waitFor("the dialog to close", timeout: 3) { !$0.contains("--identity") }
            // Enter at the confirmation is No; then Esc.
            try revokeUpToConfirmation(tmux, reason: "a reason long enough")
            try tmux.keys("Enter")
            Thread.sleep(forTimeInterval: 0.5)
            try tmux.keys("Escape")
            try tmux.waitFor("the dialog to close", timeout: 3) { !$0.contains("--identity") }
            Thread.sleep(forTimeInterval: 0.5)
            #expect(s.recordedArgv() == nil, "Esc or Enter at a step ran the hook")
            try tmux.keys("q")
            #expect(try run.exitStatus() == 0)

            // Read-only: R only says so.
            let ro = try Tmux(width: 120, height: 40)
            let roRun = try start(ro, s, extra: "--read-only")
            try ro.waitFor("the identity", timeout: 5) { $0.contains("agent:escape-test") }
            try ro.waitFor("the read-only footer", timeout: 3) { $0.contains("read-only") }
            try ro.keys("R")
            Thread.sleep(forTimeInterval: 0.5)
            #expect(!(try ro.screen()).contains("--identity"), "read-only opened the revoke plan")
            try ro.keys("y")
            Thread.sleep(forTimeInterval: 0.3)
            try ro.keys("q")
            #expect(try roRun.exitStatus() == 0)
            #expect(s.recordedArgv() == nil)
            let entries = try ledgerJSON(s)["entries"] as? [[String: Any]] ?? []
            #expect(entries.isEmpty, "nothing may be recorded: \(entries)")
        }

        /// Acceptance 2: a hostile identity is one argv element and nothing else runs.
        @Test func headlessRevokePassesAHostileIdentityAsOneArgument() throws {
            let s = try ResponseScratch()
            defer { s.remove() }
            let (status, out) = try Tmux.run(["/bin/sh", "-c",
                "cd '\(s.path)' && exec '\(bin)' revoke \"$0\" --kind ai_agent --reason 'contain a leaked agent key' --hook record --yes --config '\(s.config)' --ledger '\(s.ledger)'",
                Self.hostile])
            #expect(status == 0, "\(out)")
            #expect(out.contains("revoked with record"))
            #expect(s.recordedArgv() == ["--identity", Self.hostile, "--reason", "contain a leaked agent key"])
            #expect(!FileManager.default.fileExists(atPath: s.dir.appendingPathComponent("pwned").path))
            // Without --yes and without a terminal nothing runs.
            try? FileManager.default.removeItem(atPath: s.argvFile)
            let refused = try Tmux.run([bin, "revoke", "agent:other", "--reason", "no terminal to confirm",
                                        "--hook", "record", "--config", s.config, "--ledger", s.ledger])
            #expect(refused.status == 2)
            #expect(refused.output.contains("--yes"))
            #expect(s.recordedArgv() == nil)
        }

        /// Acceptance 3: an allow past the grace period → STILL ACTIVE with a critical alert on
        /// screen, and used_after_revoke in `report --json --ledger`; a deny instead → effective.
        @Test func useAfterRevokeIsCaughtAndADenyProvesTheRevoke() throws {
            let s = try ResponseScratch()
            defer { s.remove() }
            let now = Date()
            for id in ["agent:leaky", "agent:contained"] {
                let r = try Tmux.run([bin, "revoke", id, "--kind", "ai_agent", "--reason", "incident 4411: contain",
                                      "--hook", "manual", "--yes", "--config", s.config, "--ledger", s.ledger])
                #expect(r.status == 0, "\(r.output)")
            }
            try s.writeLog([
                ResponseScratch.event("agent:leaky", now.addingTimeInterval(-600)),
                ResponseScratch.event("agent:contained", now.addingTimeInterval(-600)),
                ResponseScratch.event("agent:leaky", now.addingTimeInterval(30)),          // within grace: propagation
                ResponseScratch.event("agent:contained", now.addingTimeInterval(40), decision: "deny"),
                ResponseScratch.event("agent:leaky", now.addingTimeInterval(180), action: "tool:payments.refund"),
            ])
            let (status, out) = try Tmux.run([bin, "report", "--json", "--ledger", s.ledger, s.log])
            #expect(status == 0, "\(out)")
            let again = try Tmux.run([bin, "report", "--json", "--ledger", s.ledger, s.log])
            #expect(again.output == out, "report --json --ledger differs between two processes")
            let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
            let identities = json["identities"] as? [[String: Any]] ?? []
            func identity(_ name: String) -> [String: Any] { identities.first { $0["identity"] as? String == name } ?? [:] }
            let leaky = identity("agent:leaky"), contained = identity("agent:contained")
            let signals = (leaky["reasons"] as? [[String: Any]] ?? []).compactMap { $0["signal"] as? String }
            #expect(signals.contains("used_after_revoke"))
            #expect(leaky["level"] as? String == "critical")
            #expect((leaky["revocations"] as? [[String: Any]])?.first?["effect"] as? String == "still_active")
            #expect((contained["revocations"] as? [[String: Any]])?.first?["effect"] as? String == "effective")
            let containedSignals = (contained["reasons"] as? [[String: Any]] ?? []).compactMap { $0["signal"] as? String }
            #expect(!containedSignals.contains("used_after_revoke"))

            let tmux = try Tmux(width: 120, height: 40)
            let run = try start(tmux, s)
            let (screen, _) = try tmux.waitFor("STILL ACTIVE", timeout: 5) { $0.contains("STILL ACTIVE") }
            #expect(screen.contains("CRITICAL"), "a critical alert is shown:\n\(screen)")
            #expect(screen.contains("REVOKED"), "the contained agent shows its revoke held:\n\(screen)")
            try tmux.keys("q")
            #expect(try run.exitStatus() == 0)
        }

        /// Acceptance 4: two dashboards on one ledger: a revoke in one shows in the other within 2 s.
        @Test func aRevokeInOneProcessAppearsInAnotherWithinTwoSeconds() throws {
            let s = try ResponseScratch()
            defer { s.remove() }
            try s.writeLog([ResponseScratch.event("agent:shared", Date())])
            let a = try Tmux(width: 120, height: 40), b = try Tmux(width: 120, height: 40)
            let runs = [try start(a, s), try start(b, s)]
            for t in [a, b] { try t.waitFor("the identity", timeout: 5) { $0.contains("agent:shared") } }
            try revokeUpToConfirmation(a, reason: "shared ledger check")
            try a.keys("y")
            try a.waitFor("the result", timeout: 10) { $0.contains("revoked with record") }
            let (screen, took) = try b.waitFor("the other process to show the revoke", timeout: 5) { $0.contains("PENDING") }
            #expect(took < 2, "the revoke took \(took) s to appear in the other process")
            #expect(screen.range(of: #"revoked +by \S+ .* via record"#, options: .regularExpression) != nil
                    && screen.contains("shared ledger check"), "the detail says who revoked it, how and why:\n\(screen)")
            for (t, run) in zip([a, b], runs) {
                try t.keys("Escape")
                try t.keys("q")
                #expect(try run.exitStatus() == 0)
            }
        }

        /// Acceptance 5: an edited ledger row is named and the exit status is non-zero.
        @Test func anEditedLedgerRowIsNamed() throws {
            let s = try ResponseScratch()
            defer { s.remove() }
            for id in ["agent:one", "agent:two", "agent:three"] {
                let r = try Tmux.run([bin, "revoke", id, "--kind", "ai_agent", "--reason", "ledger tamper test",
                                      "--hook", "manual", "--yes", "--config", s.config, "--ledger", s.ledger])
                #expect(r.status == 0, "\(r.output)")
            }
            let clean = try Tmux.run([bin, "ledger", "--ledger", s.ledger])
            #expect(clean.status == 0)
            #expect(clean.output.contains("chain intact: 3 rows"))
            let edit = try Tmux.run(["python3", "-c",
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE entries SET reason='nothing to see' WHERE id=2\"); c.commit()",
                s.ledger])
            #expect(edit.status == 0, "\(edit.output)")
            let broken = try Tmux.run([bin, "ledger", "--ledger", s.ledger])
            #expect(broken.status == 1)
            #expect(broken.output.contains("row 2"), "\(broken.output)")
        }

        /// Acceptance 6: a hook past its timeout is killed, shown and recorded as timed out, and
        /// the dashboard answers keys the whole time.
        @Test func aHookPastItsTimeoutIsKilledWhileKeysStillWork() throws {
            let s = try ResponseScratch(hookTimeout: "2s", sleep: 30)
            defer { s.remove() }
            try s.writeLog([ResponseScratch.event("agent:slow-a", Date()), ResponseScratch.event("agent:slow-b", Date())])
            let tmux = try Tmux(width: 120, height: 40)
            let run = try start(tmux, s)
            try tmux.waitFor("the identities", timeout: 5) { $0.contains("agent:slow-a") && $0.contains("agent:slow-b") }
            try revokeUpToConfirmation(tmux, reason: "slow hook timeout test")
            let started = Date()
            try tmux.keys("y")
            try tmux.waitFor("running", timeout: 3) { $0.contains("running") }
            // Keys still work while it runs: hide the dialog, open and close help.
            try tmux.keys("Escape")
            try tmux.keys("?")
            try tmux.waitFor("help while the hook runs", timeout: 1.5) { $0.contains("┌ Keys") }
            try tmux.keys("Escape")
            try tmux.waitFor("help closed", timeout: 1.5) { !$0.contains("┌ Keys") }
            let (screen, _) = try tmux.waitFor("the timeout", timeout: 10) { $0.contains("timed out") }
            let took = Date().timeIntervalSince(started)
            #expect(took < 6, "the timed-out hook took \(took) s to be reported")
            #expect(screen.contains("not revoked"))
            try tmux.keys("Escape")
            try tmux.keys("q")
            #expect(try run.exitStatus() == 0)
            let entries = try ledgerJSON(s)["entries"] as? [[String: Any]] ?? []
            #expect(entries.first?["outcome"] as? String == "timed_out")
            #expect(entries.first?["exit_status"] is NSNull)
        }

        /// q while a hook runs waits for its result to reach the ledger (the timeout bounds it),
        /// saying so in the footer; nothing is left unrecorded.
        @Test func quittingWhileAHookRunsWaitsForItsRecord() throws {
            let s = try ResponseScratch(hookTimeout: "2s", sleep: 30)
            defer { s.remove() }
            try s.writeLog([ResponseScratch.event("agent:quit-test", Date())])
            let tmux = try Tmux(width: 120, height: 40)
            let run = try start(tmux, s)
            try tmux.waitFor("the identity", timeout: 5) { $0.contains("agent:quit-test") }
            try revokeUpToConfirmation(tmux, reason: "quit while the hook runs")
            try tmux.keys("y")
            try tmux.waitFor("running", timeout: 3) { $0.contains("running") }
            try tmux.keys("Escape")
            try tmux.keys("q")
            try tmux.waitFor("the footer to say why it waits", timeout: 2) { $0.contains("quitting when the running hook ends") }
            #expect(try run.exitStatus(timeout: 10) == 0, "exit 0 once recorded")
            let entries = try ledgerJSON(s)["entries"] as? [[String: Any]] ?? []
            #expect(entries.map { $0["outcome"] as? String } == ["timed_out"])
        }
    }
}
