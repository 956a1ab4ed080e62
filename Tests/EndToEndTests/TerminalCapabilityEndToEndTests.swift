import Foundation
import Testing

extension EndToEnd {
    /// An output that cannot show the dashboard: `TERM=dumb`, an unknown or unset type, a
    /// terminal without cursor addressing, or no terminal at all. nhitop says so in one line
    /// naming `nhitop report`, exits with status 2, and writes nothing else: no escape
    /// sequence, no blank screen, no usage text.
    ///
    /// No tmux needed: `script` runs nhitop on a pseudo-terminal of its own, with the TERM we
    /// give it, and hands back every byte the terminal received and nhitop's exit status.
    @Suite(.enabled(if: nhitopBinary() != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/script"),
                    "needs a built nhitop and script(1) from util-linux"))
    struct TerminalCapabilityEndToEndTests {
        let bin = nhitopBinary() ?? "nhitop"

        /// Runs `nhitop args` on a fresh pseudo-terminal under `env envArgs`; the status and
        /// everything written to the terminal (stdout and stderr), with the pty's CR LF as LF.
        func onATerminal(env envArgs: [String], _ args: [String]) throws -> (status: Int32, output: String) {
            let command = (["env"] + envArgs + [bin] + args).map { "'\($0)'" }.joined(separator: " ")
            // A dashboard that does start (the bug) would run forever: `timeout` ends it (124).
            let r = try Tmux.run(["timeout", "10", "script", "-q", "-e", "-c", command, "/dev/null"])
            return (r.status, r.output.replacingOccurrences(of: "\r\n", with: "\n"))
        }

        func expectOneLine(_ output: String, saying parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(output.hasPrefix("nhitop: ") && output.hasSuffix("\n"), "\(output.debugDescription)", sourceLocation: sourceLocation)
            #expect(output.filter { $0 == "\n" }.count == 1, "one line: \(output.debugDescription)", sourceLocation: sourceLocation)
            #expect(!output.contains("\u{1B}"), "no escape sequence reached the terminal", sourceLocation: sourceLocation)
            for part in parts + ["nhitop report"] {
                #expect(output.contains(part), "\(part) in \(output.debugDescription)", sourceLocation: sourceLocation)
            }
        }

        @Test func dumbTerminalExitsTwoWithOneLine() throws {
            let (status, output) = try onATerminal(env: ["TERM=dumb"], ["--demo"])
            #expect(status == 2)
            #expect(output == "nhitop: the terminal \"dumb\" cannot draw the dashboard (no cursor addressing); use `nhitop report FILE…` for headless output\n")
        }

        @Test func unknownAndUnsetTermExitTwoWithOneLine() throws {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-e2e-\(UUID().uuidString).jsonl").path
            FileManager.default.createFile(atPath: file, contents: Data())
            defer { unlink(file) }
            let unknown = try onATerminal(env: ["TERM=no-such-terminal-nhitop"], [file])
            #expect(unknown.status == 2)
            expectOneLine(unknown.output, saying: [#""no-such-terminal-nhitop" is unknown"#, "TERM=xterm-256color"])
            let unset = try onATerminal(env: ["-u", "TERM"], ["--demo"])
            #expect(unset.status == 2)
            expectOneLine(unset.output, saying: ["TERM is not set"])
        }

        /// A terminfo entry of our own that can clear and move right but has no `cup`.
        @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tic"), "needs tic(1)"))
        func terminalWithoutCursorAddressingExitsTwo() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let source = dir.appendingPathComponent("nocup.ti").path
            try "nhitop-nocup|a terminal without cursor addressing,\n\tam, cols#80, lines#24,\n\tbel=^G, clear=\\E[H\\E[2J, cr=\\r, cub1=^H, cud1=\\n, cuf1=\\E[C, ind=\\n,\n"
                .write(toFile: source, atomically: true, encoding: .utf8)
            let compiled = try Tmux.run(["tic", "-o", dir.path, source])
            try #require(compiled.status == 0, "tic: \(compiled.output)")
            let (status, output) = try onATerminal(env: ["TERMINFO=\(dir.path)", "TERM=nhitop-nocup"], ["--demo"])
            #expect(status == 2)
            expectOneLine(output, saying: [#""nhitop-nocup" cannot draw the dashboard (no cursor addressing)"#])
        }

        /// Standard output redirected: the same one line and status, on stderr, and stdout empty.
        @Test func standardOutputNotATerminalExitsTwoWithOneLine() throws {
            let dir = FileManager.default.temporaryDirectory
            let out = dir.appendingPathComponent("nhitop-e2e-\(UUID().uuidString).out").path
            let err = dir.appendingPathComponent("nhitop-e2e-\(UUID().uuidString).err").path
            defer { unlink(out); unlink(err) }
            let status = Spawn.wait(try Spawn.start(["timeout", "10", bin, "--demo"], stdout: .file(out), stderr: .file(err)))
            #expect(status == 2)
            #expect(try String(contentsOfFile: out, encoding: .utf8).isEmpty)
            let line = try String(contentsOfFile: err, encoding: .utf8)
            #expect(line == "nhitop: standard output is not a terminal; use `nhitop report` for headless output\n")
        }
    }
}
