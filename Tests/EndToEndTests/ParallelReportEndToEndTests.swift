import Foundation
import Testing

extension EndToEnd {
    /// `report --json` and an `export` read on every core are byte-identical to `--threads 1`,
    /// with the default blocks and with blocks so small (1 KB) that most records straddle two,
    /// on the corpus and on generated streams: every format, Kubernetes stages split across
    /// blocks and rotated files, pretty-printed and `{"Records":[…]}` files, gzip, damage.
    @Suite(.enabled(if: nhitopBinary() != nil, "needs a built nhitop"))
    struct ParallelReportEndToEndTests {
        let bin = nhitopBinary() ?? "nhitop"

        /// Standard output of one run, as bytes; status 0 expected unless `failing`.
        func run(_ args: [String], failing: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-par-\(UUID().uuidString).out").path
            defer { unlink(out) }
            let r = try Tmux.run(["/bin/sh", "-c", #"exec "$@" > "$0""#, out, bin] + args)
            #expect(failing ? r.status == 1 : r.status == 0, "nhitop \(args.joined(separator: " ")): \(r.output)",
                    sourceLocation: sourceLocation)
            return FileManager.default.contents(atPath: out) ?? Data()
        }

        /// `report --json` (and the export of its riskiest identity) on one thread, on every
        /// core, and on two threads with 1 KB and 64 KB blocks: all the same bytes.
        @discardableResult
        func expectSame(_ paths: [String], failing: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
            let what = paths.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " ")
            let one = try run(["report", "--json", "--threads", "1"] + paths, failing: failing, sourceLocation: sourceLocation)
            #expect(!one.isEmpty, "\(what): no report", sourceLocation: sourceLocation)
            let variants: [[String]] = [[], ["--threads", "2", "--decode-block-bytes", "1024"],
                                        ["--threads", "3", "--decode-block-bytes", "65536"]]
            for extra in variants {
                let many = try run(["report", "--json"] + extra + paths, failing: failing, sourceLocation: sourceLocation)
                #expect(many == one, "\(what) \(extra): \(DeterminismEndToEndTests.firstDifference(one, many))",
                        sourceLocation: sourceLocation)
            }
            let report = try #require(try JSONSerialization.jsonObject(with: one) as? [String: Any], sourceLocation: sourceLocation)
            if let top = (report["identities"] as? [[String: Any]])?.first?["identity"] as? String {
                let export = ["export", "--format", "csv", "--identity", top]
                let sequential = try run(export + ["--threads", "1"] + paths, failing: failing, sourceLocation: sourceLocation)
                let parallel = try run(export + ["--threads", "2", "--decode-block-bytes", "1024"] + paths, failing: failing,
                                       sourceLocation: sourceLocation)
                #expect(parallel == sequential, "\(what): export of \(top) differs", sourceLocation: sourceLocation)
            }
            return report
        }

        func scratch() throws -> URL {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-par-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return dir
        }

        @Test(.enabled(if: Corpus.isAvailable, "../shared/corpus not beside the clone"))
        func corpusFilesAndDirectory() throws {
            let files = try Corpus.files()
            #expect(files.count == 26)
            for file in files {
                try expectSame([Corpus.url.appendingPathComponent(file).path])
            }
            try expectSame([Corpus.url.path])
        }

        /// Demo traffic in every format (its Kubernetes part writes `RequestReceived` and
        /// `ResponseComplete` stages of one request apart), rotated, pretty, wrapped, gzipped, damaged.
        @Test func generatedStreams() throws {
            let dir = try scratch()
            defer { try? FileManager.default.removeItem(at: dir) }
            let sample = try run(["sample", "--minutes", "10", "--seed", "7", "--end", "2026-11-29T12:00:00Z"])
            let lines = String(decoding: sample, as: UTF8.self).split(separator: "\n").map(String.init)
            let file = dir.appendingPathComponent("sample.log")
            try sample.write(to: file)
            let whole = try expectSame([file.path])
            #expect((whole["events"] as? Int ?? 0) > 5_000)

            // Each Kubernetes stage written twice, the copy a thousand lines on: repeats land
            // in other blocks (and, below, in the other rotated file).
            var audit: [String] = []
            let k8s = lines.filter { $0.contains(#""audit.k8s.io/"#) }
            for (i, line) in k8s.enumerated() {
                audit.append(line)
                if i >= 1_000 { audit.append(k8s[i - 1_000]) }
            }
            #expect(audit.count > 2_000)
            let rotated = dir.appendingPathComponent("rotated")
            try FileManager.default.createDirectory(at: rotated, withIntermediateDirectories: true)
            let half = audit.count / 2
            try (audit[..<half].joined(separator: "\n") + "\n").write(to: rotated.appendingPathComponent("app.log.1"), atomically: true, encoding: .utf8)
            try (audit[half...].joined(separator: "\n") + "\n").write(to: rotated.appendingPathComponent("app.log"), atomically: true, encoding: .utf8)
            try expectSame([rotated.path])
            try expectSame([rotated.appendingPathComponent("app.log.1").path, rotated.appendingPathComponent("app.log").path])

            // CloudTrail as a `{"Records":[…]}` document, pretty-printed by jq, and gzipped.
            let trail = lines.filter { $0.hasPrefix(#"{"eventVersion""#) }
            #expect(trail.count > 100)
            let records = dir.appendingPathComponent("trail.json")
            try (#"{"Records":["# + trail.joined(separator: ",") + "]}").write(to: records, atomically: true, encoding: .utf8)
            try expectSame([records.path])
            let pretty = dir.appendingPathComponent("pretty.json")
            let jq = try Tmux.run(["/bin/sh", "-c", #"jq . "$0" > "$1""#, file.path, pretty.path])
            if jq.status == 0 { try expectSame([pretty.path]) }
            let gz = dir.appendingPathComponent("sample.log.gz")
            #expect(try Tmux.run(["/bin/sh", "-c", #"gzip -c "$0" > "$1""#, file.path, gz.path]).status == 0)
            try expectSame([gz.path, records.path])

            // Damage: a quote left open, a 2 MB line, junk; a missing file fails both runs alike.
            var hostile = lines[..<3_000].joined(separator: "\n") + "\n"
            hostile += #"{"ts":"2026-11-29T11:58:00Z","identity":"open,"action":"x}"# + "\n"
            hostile += #"{"ts":"2026-11-29T11:58:00Z","identity":"big","action":"a","resource":""# + String(repeating: "y", count: 2 << 20) + "\"}\n"
            hostile += "junk\n\n" + lines[3_000...].joined(separator: "\r\n")
            let damaged = dir.appendingPathComponent("hostile.log")
            try hostile.write(to: damaged, atomically: true, encoding: .utf8)
            try expectSame([damaged.path])
            try expectSame([damaged.path, dir.appendingPathComponent("missing.log").path], failing: true)
        }
    }
}
