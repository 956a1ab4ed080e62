import Foundation
import Testing

extension EndToEnd {
    /// Writes that fail must not crash nhitop or leave the terminal in curses mode: a full disk
    /// under the alerts file, standard output on a full disk or a closed pipe.
    @Suite(.serialized, .enabled(if: Tmux.available && nhitopBinary() != nil, "needs tmux and a built nhitop"))
    struct HardeningEndToEndTests {
        let bin = nhitopBinary() ?? "nhitop"

        /// `/dev/full` opens for writing, and every write to it fails with ENOSPC.
        @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full"), "needs /dev/full"))
        func alertsOnAFullDiskShowInTheStatusLineAndTheDashboardKeepsRunning() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            // Thirty denials in thirty seconds: a deny spike and a secret harvest.
            var text = ""
            for i in 0..<30 {
                text += #"{"ts":"2026-11-29T10:00:\#(String(format: "%02d", i))Z","identity":"svc-leaky","kind":"service","action":"secrets:read","resource":"prod/\#(i)","decision":"deny"}"# + "\n"
            }
            let file = dir.appendingPathComponent("events.jsonl").path
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            // One signal class is a chain with a high floor: the identity turns high, an alert is due.
            let risk = dir.appendingPathComponent("risk.yaml").path
            try "criticality: 2\nchain_floor: 70\nchain_classes: 1\n".write(toFile: risk, atomically: true, encoding: .utf8)

            let tmux = try Tmux(width: 200, height: 40)
            let run = try tmux.start("\(bin) --alerts /dev/full --risk-config '\(risk)' '\(file)'")
            let (screen, _) = try tmux.waitFor("the write error in the status line", timeout: 10) {
                $0.contains("alerts file /dev/full") && $0.contains("No space left on device")
            }
            #expect(screen.contains("svc-leaky"), "the dashboard still shows the data")
            #expect(screen.contains("not written"))
            // Still running: it redraws and answers keys.
            try tmux.keys("?")
            try tmux.waitFor("help", timeout: 3) { $0.contains("Keys") }
            try tmux.keys("Escape")
            try tmux.keys("q")
            #expect(try run.exitStatus() == 0, "q leaves with status 0")
            try tmux.type("echo usable-$((40+2))")
            try tmux.waitFor("the shell to answer after exit", timeout: 5) { $0.contains("usable-42") }
        }

        /// A crash (here a SIGSEGV from outside, as a bad pointer would raise) ends the process,
        /// and the terminal is given back first: out of the alternate screen, cursor shown.
        /// The runtime's backtracer is off so the crash ends at once with the default action.
        @Test(arguments: ["SEGV", "ABRT", "BUS"])
        func aCrashStillRestoresTheTerminal(signal: String) throws {
            let tmux = try Tmux(width: 100, height: 30)
            let run = try tmux.start("SWIFT_BACKTRACE=enable=no \(bin) --demo")
            try tmux.waitFor("the dashboard", timeout: 5) { $0.contains("Identities (") }
            func flag(_ name: String) throws -> String {
                try tmux.tmux(["display-message", "-p", "-t", tmux.session, "#{\(name)}"]).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            #expect(try flag("alternate_on") == "1", "curses took the alternate screen")
            let shell = try flag("pane_pid")
            #expect(try Tmux.run(["pkill", "-\(signal)", "-P", shell]).status == 0)
            let status = try run.exitStatus(timeout: 10)
            #expect(status > 128, "SIG\(signal) still ends the process (status \(status))")
            #expect(try flag("alternate_on") == "0", "left the alternate screen")
            #expect(try flag("cursor_flag") == "1", "cursor visible again")
            try tmux.type("echo usable-$((40+2))")
            try tmux.waitFor("the shell to answer after the crash", timeout: 5) { $0.contains("usable-42") }
        }
    }
}

extension EndToEnd {
    /// `report` and `export` whose standard output cannot be written: one line on stderr and
    /// exit status 1, never a trap and never a silent death by SIGPIPE.
    @Suite(.enabled(if: nhitopBinary() != nil, "needs a built nhitop"))
    struct OutputFailureEndToEndTests {
        let bin = nhitopBinary() ?? "nhitop"

        func sample() throws -> (dir: URL, file: String) {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            var text = ""
            for i in 0..<200 {
                text += #"{"ts":"2026-11-29T10:00:00Z","identity":"svc-x","kind":"service","action":"step-\#(i)","decision":"allow"}"# + "\n"
            }
            let file = dir.appendingPathComponent("events.jsonl").path
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            return (dir, file)
        }

        @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full"), "needs /dev/full"),
              arguments: [["export", "--identity", "svc-x", "--format", "csv"], ["export", "--identity", "svc-x"],
                          ["report"], ["report", "--json"]])
        func aFullDiskIsOneLineAndStatusOne(args: [String]) throws {
            let (dir, file) = try sample()
            defer { try? FileManager.default.removeItem(at: dir) }
            let quoted = ([bin] + args + [file]).map { "'\($0)'" }.joined(separator: " ")
            let (status, stderr) = try Tmux.run(["sh", "-c", "\(quoted) > /dev/full"])
            #expect(status == 1, "\(args): status \(status), stderr: \(stderr)")
            let lines = stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(args): \(stderr)")
            #expect(stderr.contains("No space left on device"))
        }

        @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full"), "needs /dev/full"))
        func reportWithAlertsOnAFullDiskSaysSoAndFails() throws {
            let (dir, file) = try sample()
            defer { try? FileManager.default.removeItem(at: dir) }
            var text = ""
            for i in 0..<30 {
                text += #"{"ts":"2026-11-29T10:00:\#(String(format: "%02d", i))Z","identity":"svc-leaky","kind":"service","action":"secrets:read","resource":"prod/\#(i)","decision":"deny"}"# + "\n"
            }
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            let risk = dir.appendingPathComponent("risk.yaml").path
            try "criticality: 2\nchain_floor: 70\nchain_classes: 1\n".write(toFile: risk, atomically: true, encoding: .utf8)
            let (status, output) = try Tmux.run(["sh", "-c", "'\(bin)' report --alerts /dev/full --risk-config '\(risk)' '\(file)' > /dev/null"])
            #expect(status == 1)
            #expect(output.split(separator: "\n").count == 1, "\(output)")
            #expect(output.contains("alerts file /dev/full: No space left on device; 1 alert not written"))
        }

        @Test func aClosedPipeIsOneLineAndStatusOne() throws {
            let (dir, file) = try sample()
            defer { try? FileManager.default.removeItem(at: dir) }
            var fds: [Int32] = [0, 0]
            try #require(pipe(&fds) == 0)
            close(fds[0])  // nobody will ever read: the first write fails with EPIPE
            defer { close(fds[1]) }
            let errPath = dir.appendingPathComponent("stderr").path
            let argv = [bin, "export", "--identity", "svc-x", "--format", "csv", file]
            // Spawned with SIGPIPE at its default: it would kill the process if nhitop did not handle it.
            let pid = try Spawn.start(argv, stdout: .descriptor(fds[1]), stderr: .file(errPath))
            let status = Spawn.wait(pid)
            #expect(status == 1, "status \(status) (128 + n: killed by signal n)")
            let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            #expect(stderr.split(separator: "\n").count == 1, "\(stderr)")
            #expect(stderr.contains("Broken pipe"))
        }

        /// `nhitop revoke` prints the plan and then the hook's output, both carrying the
        /// identity, which came from a log: escapes and bidi overrides are shown, not obeyed.
        @Test func headlessRevokeShowsHostileTextInsteadOfObeyingIt() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-hostile-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let script = dir.appendingPathComponent("echo-argv.sh").path
            try "#!/bin/sh\nprintf 'revoking %s\\n' \"$1\"\n".write(toFile: script, atomically: true, encoding: .utf8)
            chmod(script, 0o755)
            let config = dir.appendingPathComponent("config.yaml").path
            try "hooks:\n  echo:\n    description: says what it revokes\n    command: \(script)\n    args: [\"$IDENTITY_ID\"]\n"
                .write(toFile: config, atomically: true, encoding: .utf8)
            chmod(config, 0o644)
            let identity = "agent:\u{1B}]0;pwned\u{7}\u{1B}[2J\u{202E}gnp.exe"
            let (status, out) = try Tmux.run(["/bin/sh", "-c",
                "exec '\(bin)' revoke \"$0\" --kind ai_agent --reason 'hostile name in the output' --hook echo --yes --config '\(config)' --ledger '\(dir.path)/ledger.sqlite'",
                identity])
            #expect(status == 0, "\(out)")
            #expect(out.contains("revoking agent:"), "the hook ran and its output was shown: \(out)")
            #expect(!out.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" || $0 == "\u{202E}" }, "raw control or bidi in: \(out.debugDescription)")
            #expect(out.contains("\\u{202E}gnp.exe"), "the override is shown as its escape: \(out)")
        }
    }
}
