import Foundation
import Testing

extension EndToEnd {
    /// Drives the real binary in a real terminal (tmux), as an operator would.
    @Suite(.serialized, .enabled(if: Tmux.available && nhitopBinary() != nil, "needs tmux and a built nhitop"))
    struct DashboardEndToEndTests {
        let bin = nhitopBinary() ?? "nhitop"

        /// The number in the identity pane's title, e.g. "Identities (44)".
        static func identityCount(_ screen: String) -> Int {
            guard let r = screen.range(of: #"Identities \((\d+)\)"#, options: .regularExpression) else { return 0 }
            return Int(screen[r].dropFirst("Identities (".count).dropLast()) ?? 0
        }

        /// The first line inside the detail pane: the selected identity's name.
        static func detailTitle(_ screen: String) -> String {
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count > 2, let open = lines[1].range(of: "┌ Detail") else { return "" }
            let column = lines[1].distance(from: lines[1].startIndex, to: open.lowerBound)
            let row = Array(lines[2])
            guard column + 1 < row.count else { return "" }
            return String(row[(column + 1)...]).trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
        }

        func stableDetailTitle(_ tmux: Tmux) throws -> String {
            var last = ""
            for _ in 0..<40 {
                let title = Self.detailTitle(try tmux.screen())
                if !title.isEmpty && title == last { return title }
                last = title
                Thread.sleep(forTimeInterval: 0.1)
            }
            return last
        }

        /// After nhitop exits, the same terminal must echo what is typed and run commands.
        func assertTerminalUsable(_ tmux: Tmux) throws {
            try tmux.type("echo usable-$((40+2))")
            try tmux.waitFor("the shell to answer after exit", timeout: 5) { $0.contains("usable-42") }
        }

        @Test(arguments: [(80, 24), (200, 50)])
        func demoShowsThreePanesMovesHelpsAndQuitsCleanly(size: (Int, Int)) throws {
            let tmux = try Tmux(width: size.0, height: size.1)
            let run = try tmux.start("\(bin) --demo")
            // A capture can catch a frame half-drawn, so wait for one that has everything.
            let titles = ["Identities (", "Detail", "Events", "nhitop", "UTC"]
            try tmux.waitFor("10 identities and the panes \(titles) at \(size)", timeout: 5) { screen in
                Self.identityCount(screen) >= 10 && titles.allSatisfy { screen.contains($0) }
            }
            // j moves the selection: the detail pane follows it. Read the title only once two
            // captures agree, so a frame caught half-drawn during the backfill is not taken for it.
            let before = try stableDetailTitle(tmux)
            #expect(!before.isEmpty)
            try tmux.keys("j")
            try tmux.waitFor("the selection to move", timeout: 3) { Self.detailTitle($0) != before && !Self.detailTitle($0).isEmpty }
            let moved = try stableDetailTitle(tmux)
            try tmux.keys("k")
            // Up again. Not necessarily back to `before`: the live demo may reorder rows between the
            // two keys (the selection sticks to the identity, `k` takes the row above it *now*).
            try tmux.waitFor("the selection to move back up", timeout: 3) {
                Self.detailTitle($0) != moved && !Self.detailTitle($0).isEmpty
            }
            // ? opens help, Esc closes it.
            try tmux.keys("?")
            try tmux.waitFor("help", timeout: 3) { $0.contains("Keys") && $0.contains("quit") }
            try tmux.keys("Escape")
            try tmux.waitFor("help to close", timeout: 3) { !$0.contains("┌ Keys") }
            try tmux.keys("q")
            #expect(try run.exitStatus() == 0, "q leaves with status 0")
            try assertTerminalUsable(tmux)
        }

        @Test func followedFileShowsNewIdentitiesWithinOneSecond() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("events.jsonl")
            func line(_ identity: String, _ ts: String) -> String {
                #"{"ts":"\#(ts)","identity":"\#(identity)","kind":"ci_job","action":"deploy","decision":"allow"}"# + "\n"
            }
            try line("seed-job", "2026-11-29T10:00:00Z").write(to: file, atomically: true, encoding: .utf8)
            let tmux = try Tmux(width: 120, height: 40)
            let run = try tmux.start("\(bin) \(file.path)")
            try tmux.waitFor("the first identity", timeout: 5) { $0.contains("seed-job") }
            let handle = try FileHandle(forWritingTo: file)
            try handle.seekToEnd()
            for i in 1...3 {
                let name = "late-job-\(i)"
                let appended = Date()
                try handle.write(contentsOf: Data(line(name, "2026-11-29T10:00:0\(i)Z").utf8))
                try tmux.waitFor(name, timeout: 5) { $0.contains(name) }
                let latency = Date().timeIntervalSince(appended)
                #expect(latency < 1.0, "\(name) appeared after \(latency)s")
            }
            try handle.close()
            try tmux.keys("q")
            #expect(try run.exitStatus() == 0, "q leaves with status 0")
        }

        @Test func appendRotateTruncateWhileFollowingCountsExactly() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("app.jsonl").path
            var written = 0
            func write(_ n: Int) throws {
                var text = ""
                for _ in 0..<n {
                    text += #"{"ts":"2026-11-29T10:00:00Z","identity":"job-\#(written % 5)","kind":"ci_job","action":"step","decision":"allow"}"# + "\n"
                    written += 1
                }
                if !FileManager.default.fileExists(atPath: file) { FileManager.default.createFile(atPath: file, contents: nil) }
                let h = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
                try h.seekToEnd()
                try h.write(contentsOf: Data(text.utf8))
                try h.close()
            }
            try write(100)
            let tmux = try Tmux(width: 120, height: 40)
            let run = try tmux.start("\(bin) \(file)")
            try tmux.waitFor("100 events", timeout: 5) { $0.contains(" 100 events") }
            try write(50)
            try FileManager.default.moveItem(atPath: file, toPath: file + ".1")
            try write(30)
            try tmux.waitFor("180 events after rotation", timeout: 5) { $0.contains(" 180 events") }
            truncate(file, 0)
            try write(26)
            try tmux.waitFor("206 events after truncation", timeout: 5) { $0.contains(" 206 events") }
            Thread.sleep(forTimeInterval: 0.5)
            #expect(try tmux.screen().contains(" 206 events"), "nothing counted twice after settling")
            try tmux.keys("q")
            #expect(try run.exitStatus() == 0, "q leaves with status 0")
        }

        /// TERM and HUP report the signal (128 + n); Ctrl-C is an ordinary way out (0).
        @Test(arguments: [("TERM", 143), ("HUP", 129), ("INT", 0)])
        func signalsRestoreTheTerminal(signal: (String, Int32)) throws {
            let tmux = try Tmux(width: 100, height: 30)
            let run = try tmux.start("\(bin) --demo")
            try tmux.waitFor("the dashboard", timeout: 5) { Self.identityCount($0) >= 1 }
            let shell = try tmux.tmux(["display-message", "-p", "-t", tmux.session, "#{pane_pid}"])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let r = try Tmux.run(["pkill", "-\(signal.0)", "-P", shell])
            #expect(r.status == 0)
            #expect(try run.exitStatus() == signal.1, "SIG\(signal.0)")
            try assertTerminalUsable(tmux)
        }

        @Test func standardInputCarriesDataWhileKeysComeFromTheTerminal() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            // Standard input is a pipe the test holds open: nhitop must take keys from the terminal
            // while its input has not ended. (A `(echo; sleep 60) |` writer would make the shell
            // wait the full minute for the writer after nhitop exits.) Opened read-write, the FIFO
            // blocks neither side on open.
            let fifo = dir.appendingPathComponent("stdin").path
            try #require(mkfifo(fifo, 0o600) == 0)
            let writer = open(fifo, O_RDWR)
            try #require(writer >= 0)
            defer { close(writer) }
            let record = Array((#"{"ts":"2026-11-29T10:00:00Z","identity":"piped-agent","kind":"ai_agent","action":"tool:search","decision":"deny"}"# + "\n").utf8)
            #expect(write(writer, record, record.count) == record.count)
            let tmux = try Tmux(width: 100, height: 30)
            let run = try tmux.start("\(bin) - < '\(fifo)'")
            try tmux.waitFor("the piped identity", timeout: 5) { $0.contains("piped-agent") }
            try tmux.keys("q")
            #expect(try run.exitStatus() == 0, "q leaves with status 0 while standard input is still open")
        }

        @Test func resizingRedrawsAndTooSmallSaysSo() throws {
            let tmux = try Tmux(width: 120, height: 40)
            let run = try tmux.start("\(bin) --demo")
            try tmux.waitFor("the dashboard", timeout: 5) { Self.identityCount($0) >= 10 }
            try tmux.resize(width: 60, height: 20)
            try tmux.waitFor("the too-small screen", timeout: 3) { $0.contains("80") && $0.contains("24") && !$0.contains("┌ Detail") }
            try tmux.resize(width: 80, height: 24)
            try tmux.waitFor("three panes again", timeout: 3) { $0.contains("┌ Detail") && $0.contains("┌ Events") }
            let lines = try tmux.screen().split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= 80 })
            try tmux.keys("q")
            #expect(try run.exitStatus() == 0, "q leaves with status 0")
        }
    }
}

extension EndToEnd {
    /// The headless contract through the real binary: no terminal needed.
    @Suite(.enabled(if: nhitopBinary() != nil, "needs a built nhitop"))
    struct HeadlessEndToEndTests {
        let bin = nhitopBinary() ?? "nhitop"

        func run(_ args: [String]) throws -> (Int32, String) {
            try Tmux.run([bin] + args)
        }

        /// Activity acceptance: risk and reasons for every identity; the same input gives
        /// byte-identical output on a second run.
        @Test func reportJSONIsCompleteAndByteIdenticalAcrossRuns() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let sample = dir.appendingPathComponent("sample.jsonl").path
            let (status, text) = try run(["sample", "--minutes", "20", "--seed", "3", "--end", "2026-11-29T12:00:00Z"])
            #expect(status == 0)
            try text.write(toFile: sample, atomically: true, encoding: .utf8)
            let first = try run(["report", "--json", "--alerts", dir.appendingPathComponent("a1.jsonl").path, sample])
            let second = try run(["report", "--json", "--alerts", dir.appendingPathComponent("a2.jsonl").path, sample])
            #expect(first.0 == 0 && second.0 == 0)
            #expect(first.1 == second.1, "report --json differs between two runs over the same input")
            let a1 = try String(contentsOfFile: dir.appendingPathComponent("a1.jsonl").path, encoding: .utf8)
            let a2 = try String(contentsOfFile: dir.appendingPathComponent("a2.jsonl").path, encoding: .utf8)
            #expect(a1 == a2, "alerts differ between two runs")
            #expect(!a1.isEmpty, "twenty minutes of demo traffic hold at least one incident")

            let json = try JSONSerialization.jsonObject(with: Data(first.1.utf8)) as! [String: Any]
            let identities = json["identities"] as! [[String: Any]]
            #expect(identities.count >= 30)
            #expect(json["malformed"] as? Int == 0)
            for identity in identities {
                #expect(identity["risk"] is Int)
                #expect(identity["reasons"] is [[String: Any]])
                for reason in identity["reasons"] as! [[String: Any]] {
                    for key in ["signal", "points", "reason", "last_seen", "count"] { #expect(reason[key] != nil, "reason lacks \(key)") }
                }
            }
            let risks = identities.map { $0["risk"] as! Int }
            #expect(risks == risks.sorted(by: >), "identities sorted by risk")
            #expect((risks.first ?? 0) >= 70, "the incident in the sample reaches high")
        }

        @Test func badInputsFailWithOneLineNamingTheFileOrKey() throws {
            let missing = try run(["report", "/nonexistent/trail.json"])
            #expect(missing.0 == 1)
            #expect(missing.1.contains("/nonexistent/trail.json: no such file or directory"))
            let badSince = try run(["report", "--since", "last tuesday", "x"])
            #expect(badSince.0 == 64)
            #expect(badSince.1.contains("--since: \"last tuesday\" is neither a duration"))
            let badConfig = try run(["report", "--risk-config", "/nonexistent/risk.yaml", "x"])
            #expect(badConfig.0 == 64)
            #expect(badConfig.1.contains("/nonexistent/risk.yaml"))
        }
    }
}
