import Foundation
import Testing

extension EndToEnd {
    /// `report --follow-for` through the real binary: files followed as the dashboard follows
    /// them (rotation included), a report at the end, and SIGTERM ending it early with a report.
    @Suite(.serialized, .enabled(if: nhitopBinary() != nil, "needs a built nhitop"))
    struct FollowReportEndToEndTests {
        let bin = nhitopBinary() ?? "nhitop"

        /// A running nhitop with its stdout and stderr in files.
        final class Running {
            let process: Spawned
            let out: String
            let err: String

            init(_ argv: [String], in dir: String) throws {
                out = dir + "/stdout"
                err = dir + "/stderr"
                process = try Spawned(argv, stdout: .file(out), stderr: .file(err))
            }

            var pid: pid_t { process.pid }
            var stderr: String { (try? String(contentsOfFile: err, encoding: .utf8)) ?? "" }
            var stdout: String { (try? String(contentsOfFile: out, encoding: .utf8)) ?? "" }

            /// Polls stderr until `predicate` holds.
            func waitForStderr(_ what: String, timeout: TimeInterval = 10, _ predicate: (String) -> Bool) throws {
                let start = Date()
                while Date().timeIntervalSince(start) < timeout {
                    if predicate(stderr) { return }
                    Thread.sleep(forTimeInterval: 0.05)
                }
                throw TmuxError.timeout("waited \(timeout)s for \(what); stderr was:\n\(stderr)")
            }

            /// The exit status (128 + signal when killed); kills it and throws after `timeout`.
            func exitStatus(timeout: TimeInterval = 20) throws -> Int32 {
                try process.exitStatus(timeout: timeout, "nhitop (stderr: \(stderr))")
            }
        }

        func tempDir() throws -> String {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-follow-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            return dir
        }

        /// `count` nhitop JSON lines, one event each, dated now.
        func lines(_ count: Int, identity: String) -> Data {
            let now = ISO8601DateFormatter().string(from: Date())
            var text = ""
            for i in 0..<count {
                text += #"{"ts":"\#(now)","identity":"\#(identity)","kind":"service","action":"GET /v1/items/\#(i)","decision":"allow"}"# + "\n"
            }
            return Data(text.utf8)
        }

        func report(_ run: Running) throws -> [String: Any] {
            try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "stdout: \(run.stdout)")
        }

        @Test func followsThroughRotationForTheGivenTimeThenReportsEveryEvent() throws {
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let log = dir + "/app.log"
            #expect(FileManager.default.createFile(atPath: log, contents: lines(50, identity: "svc-before")))
            let run = try Running([bin, "report", "--follow-for", "4s", "--stats-every", "1", "--json", log], in: dir)
            // Following has begun (the first progress line comes a second in) before the file moves.
            try run.waitForStderr("the first progress line") { $0.contains("nhitop follow:") }
            let old = try #require(FileHandle(forWritingAtPath: log))
            old.seekToEndOfFile()
            old.write(lines(25, identity: "svc-before"))
            // logrotate `create`: rename, the writer still appends to the renamed file, then a new file.
            #expect(rename(log, log + ".1") == 0)
            old.write(lines(10, identity: "svc-late"))
            try old.close()
            #expect(FileManager.default.createFile(atPath: log, contents: lines(40, identity: "svc-after")))

            #expect(try run.exitStatus() == 0, "ends by itself after --follow-for; stderr: \(run.stderr)")
            let json = try report(run)
            #expect(json["events"] as? Int == 125, "50 + 25 + 10 in the rotated file, 40 in the new one")
            #expect(json["malformed"] as? Int == 0)
            let names = Set((json["identities"] as? [[String: Any]] ?? []).compactMap { $0["identity"] as? String })
            #expect(names == ["svc-before", "svc-late", "svc-after"], "the rotated file's tail is read before the new file")
        }

        @Test func sigtermEndsTheFollowEarlyAndStillReports() throws {
            let dir = try tempDir()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let log = dir + "/app.log"
            #expect(FileManager.default.createFile(atPath: log, contents: lines(30, identity: "svc-a")))
            let run = try Running([bin, "report", "--follow-for", "1h", "--stats-every", "1", log], in: dir)
            try run.waitForStderr("all 30 events counted") { $0.contains("events=30 ") }
            let asked = Date()
            #expect(kill(run.pid, SIGTERM) == 0)
            #expect(try run.exitStatus() == 0, "a report was printed, so the follow succeeded")
            #expect(Date().timeIntervalSince(asked) < 5, "SIGTERM ends an hour-long follow at once")
            #expect(run.stdout.hasPrefix("nhitop report: 30 events, 0 malformed"), "stdout: \(run.stdout)")
            #expect(run.stderr.contains("nhitop: SIGTERM after"))
        }

        @Test func followForTakesOnlyADuration() throws {
            let (status, output) = try Tmux.run([bin, "report", "--follow-for", "soon", "x"])
            #expect(status == 64)
            #expect(output.contains("--follow-for: \"soon\" is not a duration"))
            let stats = try Tmux.run([bin, "report", "--stats-every", "5", "x"])
            #expect(stats.0 == 64)
            #expect(stats.1.contains("--stats-every needs --follow-for"))
        }
    }
}
