import Foundation
import Testing

extension EndToEnd {
    /// The same input gives the same bytes, run after run. Swift seeds its hashing once per
    /// process, at random, so an output that follows a Set's or Dictionary's order only differs
    /// between processes: a test that runs the code twice in one process cannot see it. Each
    /// output here comes from two separate processes of the built binary, with
    /// SWIFT_DETERMINISTIC_HASHING removed from their environment.
    @Suite(.enabled(if: nhitopBinary() != nil, "needs a built nhitop"))
    struct DeterminismEndToEndTests {
        let bin = nhitopBinary() ?? "nhitop"

        /// One run of nhitop in a fresh process: exit status, standard output as bytes (never
        /// decoded, so two outputs that are not UTF-8 cannot both read as ""), standard error.
        func nhitop(_ args: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-det-\(UUID().uuidString).out").path
            defer { unlink(out) }
            let r = try Tmux.run(["/bin/sh", "-c", #"exec "$@" > "$0""#, out,
                                  "/usr/bin/env", "-u", "SWIFT_DETERMINISTIC_HASHING", bin] + args)
            return (r.status, FileManager.default.contents(atPath: out) ?? Data(), r.output)
        }

        /// Runs `args` in two processes and expects the same status 0 and the same bytes; returns them.
        @discardableResult
        func sameTwice(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
            let first = try nhitop(args), second = try nhitop(args)
            let what = "nhitop " + args.map { $0.hasPrefix("/") ? URL(fileURLWithPath: $0).lastPathComponent : $0 }.joined(separator: " ")
            #expect(first.status == 0 && second.status == 0, "\(what): \(first.stderr)", sourceLocation: sourceLocation)
            #expect(!first.stdout.isEmpty, "\(what) printed nothing", sourceLocation: sourceLocation)
            #expect(first.stdout == second.stdout, "\(what) differs between two processes: \(Self.firstDifference(first.stdout, second.stdout))",
                    sourceLocation: sourceLocation)
            return first.stdout
        }

        /// The first line on which two outputs differ, both versions, cut short.
        static func firstDifference(_ a: Data, _ b: Data) -> String {
            let la = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let lb = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            for i in 0..<max(la.count, lb.count) {
                let x = i < la.count ? String(la[i]) : "<end>", y = i < lb.count ? String(lb[i]) : "<end>"
                if x != y {
                    // JSON is one long line: show where in it the two part.
                    let common = zip(x, y).prefix { $0 == $1 }.count
                    let from = max(0, common - 80)
                    return "line \(i + 1), from character \(from):\n  \(x.dropFirst(from).prefix(240))\n  \(y.dropFirst(from).prefix(240))"
                }
            }
            return "same text, different bytes"
        }

        /// `report --json`, `report` and `export --format csv` of the riskiest and of the least
        /// risky identity (where ties gather) are each byte-identical across processes.
        /// Returns the parsed JSON report.
        @discardableResult
        func expectDeterministic(_ paths: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
            let json = try sameTwice(["report", "--json"] + paths, sourceLocation: sourceLocation)
            try sameTwice(["report"] + paths, sourceLocation: sourceLocation)
            let report = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any], sourceLocation: sourceLocation)
            let names = (report["identities"] as? [[String: Any]] ?? []).compactMap { $0["identity"] as? String }
            #expect(names.count >= 2, "too few identities to compare orders", sourceLocation: sourceLocation)
            for identity in Set([names.first, names.last].compactMap { $0 }).sorted() {
                try sameTwice(["export", "--format", "csv", "--identity", identity] + paths, sourceLocation: sourceLocation)
            }
            return report
        }

        func scratch() throws -> URL {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-det-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return dir
        }

        /// Half an hour of demo traffic in every supported format, with its incidents.
        @Test(arguments: [1, 7])
        func sampleTraffic(seed: Int) throws {
            let dir = try scratch()
            defer { try? FileManager.default.removeItem(at: dir) }
            let sample = try sameTwice(["sample", "--minutes", "30", "--seed", "\(seed)", "--end", "2026-11-29T12:00:00Z"])
            let file = dir.appendingPathComponent("sample.log")
            try sample.write(to: file)
            let report = try expectDeterministic([file.path])
            #expect((report["events"] as? Int ?? 0) > 10_000)
        }

        /// Records built to tie: identities with the same risk, count and times, and one identity
        /// with many credentials, addresses and actions seen equally often at the same instant, so
        /// every order in the output rests on a tie-break, not on how a table happened to hash.
        /// Mixed with demo traffic in every format, lines that are not records, and a second file.
        @Test func mixedFormatsAndTies() throws {
            let dir = try scratch()
            defer { try? FileManager.default.removeItem(at: dir) }
            var text = String(decoding: try sameTwice(["sample", "--minutes", "5", "--seed", "3", "--end", "2026-11-29T12:00:00Z"]),
                              as: UTF8.self)
            let at = "2026-11-29T11:58:00Z"
            for i in 0..<40 {
                let name = "svc-\(String((i * 7919) % 997, radix: 16))"
                text += #"{"ts":"\#(at)","identity":"\#(name)","kind":"service_account","action":"read","resource":"r","decision":"allow"}"# + "\n"
            }
            for i in 0..<30 {
                text += #"{"ts":"\#(at)","identity":"many-things","kind":"api_key","action":"op:\#(i)","resource":"res/\#(i)","decision":"\#(i % 3 == 0 ? "deny" : "allow")","source_ip":"203.0.113.\#(i)","credential":"KEY\#(i)"}"# + "\n"
            }
            text += "not a record\n[notice] {\"ts\":\"\(at)\"}\n{\"ts\":\"\(at)\",\"kind\":\"ci_job\",\"action\":\"no-identity\"}\n"
            let mixed = dir.appendingPathComponent("mixed.log")
            try text.write(to: mixed, atomically: true, encoding: .utf8)
            let second = dir.appendingPathComponent("second.jsonl")
            try (0..<20).map { #"{"ts":"\#(at)","identity":"job-\#($0 % 4)","kind":"ci_job","action":"step-\#($0)","decision":"allow"}"# + "\n" }
                .joined().write(to: second, atomically: true, encoding: .utf8)
            let report = try expectDeterministic([mixed.path, second.path])
            let names = (report["identities"] as? [[String: Any]] ?? []).compactMap { $0["identity"] as? String }
            #expect(names.contains("many-things") && names.contains("job-0"))
            try sameTwice(["export", "--format", "csv", "--identity", "many-things", mixed.path, second.path])
            try sameTwice(["export", "--identity", "many-things", mixed.path])
        }

        /// Every real sample, one at a time, and the whole folder at once (several formats and files).
        @Test(.enabled(if: Corpus.isAvailable, "../shared/corpus not beside the clone"))
        func corpusFiles() throws {
            let files = try Corpus.files()
            #expect(files.count == 26)
            for file in files {
                try sameTwice(["report", "--json", Corpus.url.appendingPathComponent(file).path])
            }
            try expectDeterministic([Corpus.url.path])
        }
    }
}
