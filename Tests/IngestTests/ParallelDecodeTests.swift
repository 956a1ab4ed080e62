import Events
import Foundation
import Testing
@testable import Ingest

/// What a read gives: the events in order, and one status per file.
struct ReadOutcome: Equatable {
    var events: [NormalizedEvent]
    var statuses: [SourceStatus]
}

/// `InputSet.readAll` on `threads` threads (1: the sequential path) with blocks of `blockBytes`.
/// Each call gets a fresh auditID dedupe, as a run does.
func readAll(_ paths: [String], threads: Int, blockBytes: Int = 4 << 20,
             options base: IngestOptions = IngestOptions()) -> ReadOutcome {
    var options = base
    options.decodeThreads = threads
    options.decodeBlockBytes = blockBytes
    options.auditIDs = nil
    var events: [NormalizedEvent] = []
    let statuses = InputSet.readAll(paths: paths, options: options) { events.append($0) }
    return ReadOutcome(events: events, statuses: statuses)
}

/// A parallel read straight through `ParallelReadOnce`, with its block counters.
func readParallel(_ inputs: [ReadInput], threads: Int, blockBytes: Int, options base: IngestOptions = IngestOptions(),
                  maxBytes: Int = 1 << 20) -> (outcome: ReadOutcome, kept: Int, inOrder: Int) {
    var options = base
    if options.auditIDs == nil { options.auditIDs = AuditIDDedupe(capacity: options.dedupeCapacity) }
    let reader = ParallelReadOnce(inputs: inputs, options: options, threads: threads, blockBytes: blockBytes)
    var events: [NormalizedEvent] = []
    var pumps = 0
    while !reader.isFinished && pumps < 10_000_000 {
        reader.pump(maxBytes: maxBytes) { events.append($0) }
        pumps += 1
    }
    return (ReadOutcome(events: events, statuses: reader.completed), reader.blocksKept, reader.blocksInOrder)
}

/// The first difference between two reads, for a failure message.
func difference(_ a: ReadOutcome, _ b: ReadOutcome) -> String {
    if a.statuses != b.statuses { return "statuses \(a.statuses) vs \(b.statuses)" }
    if a.events.count != b.events.count { return "\(a.events.count) events vs \(b.events.count)" }
    for (i, (x, y)) in zip(a.events, b.events).enumerated() where x != y { return "event \(i): \(x) vs \(y)" }
    return "same"
}

/// Kubernetes audit lines built to exercise the run's stage dedupe across blocks and files:
/// each request's later stages come far after its first (so they fall in other blocks), some
/// twice (repeats), some with a `RequestReceived` first, some auditIDs reused by another user,
/// some repeated stages malformed (no time) or before `--since`, and noise between.
func kubernetesStages(requests: Int, seed: UInt64 = 7) -> [String] {
    var rng = DemoRandom(seed: seed, salt: 99)
    var lines: [String] = []
    var later: [(at: Int, line: String)] = []
    func record(_ id: Int, user: String, verb: String, stage: String, minute: Int, time: Bool = true) -> String {
        let stamp = time ? #","stageTimestamp":"2026-11-29T10:\#(String(format: "%02d", minute % 60)):00.000000Z""# : ""
        return #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"id-\#(id)","stage":"\#(stage)","requestURI":"/api/v1/namespaces/ns\#(id % 7)/pods","verb":"\#(verb)","user":{"username":"\#(user)"},"sourceIPs":["10.0.0.\#(id % 250)"],"objectRef":{"resource":"pods","namespace":"ns\#(id % 7)","name":"p\#(id)"},"responseStatus":{"code":\#(id % 11 == 0 ? 403 : 200)}\#(stamp)}"#
    }
    for id in 0..<requests {
        let user = "system:serviceaccount:ns\(id % 5):sa\(id % 13)"
        let minute = id * 60 / max(1, requests)
        if rng.range64(0...3) == 0 { lines.append(record(id, user: user, verb: "get", stage: "RequestReceived", minute: minute)) }
        lines.append(record(id, user: user, verb: "get", stage: "ResponseStarted", minute: minute))
        let gap = Int(rng.range64(1...400))
        later.append((lines.count + gap, record(id, user: user, verb: "get", stage: "ResponseComplete", minute: minute)))
        switch rng.range64(0...9) {
        case 0: later.append((lines.count + gap + 50, record(id, user: user, verb: "get", stage: "ResponseComplete", minute: minute)))
        case 1: later.append((lines.count + gap + 3, record(id, user: "human-\(id % 3)", verb: "get", stage: "ResponseComplete", minute: minute)))
        case 2: later.append((lines.count + gap + 9, record(id, user: user, verb: "get", stage: "Panic", minute: minute, time: false)))
        case 3: later.append((lines.count + 2, record(id, user: user, verb: "list", stage: "ResponseComplete", minute: minute)))
        default: break
        }
        while let i = later.firstIndex(where: { $0.at <= lines.count }) { lines.append(later.remove(at: i).line) }
        if id % 97 == 0 { lines.append("not json at all") }
        if id % 131 == 0 { lines.append("") }
    }
    lines += later.sorted { $0.at < $1.at }.map(\.line)
    return lines
}

@Suite("Parallel decoding: the same as a sequential read")
struct ParallelDecodeTests {
    /// Block sizes that put boundaries inside records (1 KB: most records span two blocks),
    /// between a few records, and the default.
    static let blockSizes = [1024, 4093, 65_536, 4 << 20]

    /// Reads `paths` sequentially, then on 2 and 3 threads with each block size; every parallel
    /// read must equal the sequential one exactly. Returns the sequential read.
    @discardableResult
    func expectSame(_ paths: [String], options: IngestOptions = IngestOptions(), blockSizes: [Int] = blockSizes,
                    sourceLocation: SourceLocation = #_sourceLocation) -> ReadOutcome {
        let sequential = readAll(paths, threads: 1, options: options)
        for threads in [2, 3] {
            for size in blockSizes {
                let parallel = readAll(paths, threads: threads, blockBytes: size, options: options)
                let same = parallel == sequential  // not compared inside #expect: it would print every event
                #expect(same, "\(paths.last ?? ""), \(threads) threads, \(size)-byte blocks: \(difference(parallel, sequential))",
                        sourceLocation: sourceLocation)
            }
        }
        return sequential
    }

    @Test func demoTrafficInEveryFormat() throws {
        let dir = try ScratchDir()
        var traffic = DemoTraffic(seed: 7, start: EventTime(microseconds: 1_795_000_000_000_000))
        var bytes: [UInt8] = []
        traffic.generate(until: EventTime(microseconds: 1_795_000_000_000_000 + 12 * 60_000_000), into: &bytes)
        let p = dir.path("sample.log")
        write(bytes, to: p)
        let sequential = expectSame([p])
        #expect(sequential.events.count > 2_000)
        #expect(Set(sequential.events.map(\.format)).count >= 5)
        // Blocks of JSON lines are decoded ahead and kept, not all decoded again in order.
        let run = readParallel([.path(p)], threads: 2, blockBytes: 4093)
        let same = run.outcome == sequential
        #expect(same, "\(difference(run.outcome, sequential))")
        #expect(run.kept > bytes.count / 4093 / 2, "kept \(run.kept), in order \(run.inOrder)")
        // And `--since` halfway: skipped counts and the dedupe of skipped requests agree.
        var since = IngestOptions()
        since.since = sequential.events[sequential.events.count / 2].time
        let cut = expectSame([p], options: since, blockSizes: [1024, 65_536])
        #expect(cut.statuses[0].skipped > 0)
    }

    /// Later stages of a request fall in other blocks (and files): each request counts once,
    /// repeats are ignored, reuses counted and flagged, malformed repeats ignored, exactly as
    /// read in order; with a dedupe small enough to evict, the order of admission shows too.
    @Test func kubernetesStagesAcrossBlocksAndFiles() throws {
        let dir = try ScratchDir()
        let lines = kubernetesStages(requests: 3_000)
        let p = dir.path("audit.log")
        write(Array((lines.joined(separator: "\n") + "\n").utf8), to: p)
        let one = expectSame([p])
        let s = one.statuses[0]
        #expect(s.events > 3_000 && s.ignored > 500 && s.auditIDReused > 50 && s.malformed > 20, "\(s)")

        var small = IngestOptions()
        small.dedupeCapacity = 200
        let evicting = expectSame([p], options: small, blockSizes: [1024, 65_536])
        #expect(evicting.statuses[0].events > s.events, "a small dedupe forgets, and counts more")

        var since = IngestOptions()
        since.since = TimestampParser.parse("2026-11-29T10:30:00Z")
        #expect(expectSame([p], options: since, blockSizes: [1024, 65_536]).statuses[0].skipped > 0)

        // Rotation: the same lines split over app.log.1 (older) and app.log, in a directory
        // (read in path order) and as two paths; stages straddle the two files.
        let half = lines.count / 2
        let rotated = dir.path("rotated")
        write(Array((lines[..<half].joined(separator: "\n") + "\n").utf8), to: rotated + "/app.log.0")
        write(Array((lines[half...].joined(separator: "\n") + "\n").utf8), to: rotated + "/app.log.1")
        let inDirectory = expectSame([rotated], blockSizes: [1024, 65_536])
        let asPaths = expectSame([rotated + "/app.log.0", rotated + "/app.log.1"], blockSizes: [1024, 65_536])
        let same = inDirectory == asPaths
        #expect(same, "a directory reads as its files named in order")
        #expect(inDirectory.statuses.map(\.events).reduce(0, +) == s.events, "the split counts as the whole")
    }

    /// Shapes that are not JSON lines: the merge must decode their blocks in order.
    @Test func prettyWrappedAndArrays() throws {
        let dir = try ScratchDir()
        var records: [String] = []
        for i in 0..<400 {
            records.append([ct1, ct2, ct3][i % 3].replacingOccurrences(of: "14:00:0", with: "14:\(String(format: "%02d", i % 60)):0")
                .replacingOccurrences(of: "10.0.0.1", with: "10.0.\(i % 200).1"))
        }
        let files: [(String, String)] = [
            ("pretty.json", records.map { pretty($0) }.joined(separator: "\n")),
            ("records-one-line.json", #"{"Records":["# + records.joined(separator: ",") + "]}"),
            ("records-pretty.json", pretty(#"{"Records":["# + records.joined(separator: ",") + "]}")),
            ("records-per-line.json", #"{"Records": [ "# + records.joined(separator: ",\n") + "\n]}\n"),
            ("array-per-line.json", "[\n" + records.joined(separator: ",\n") + "\n]\n"),
            ("array-pretty.json", pretty("[" + records.joined(separator: ",") + "]")),
            ("deliveries.json", stride(from: 0, to: records.count, by: 25).map {
                #"{"Records":["# + records[$0..<min(records.count, $0 + 25)].joined(separator: ",") + "]}\n"
            }.joined()),
            // JSON lines with a pretty object in the middle: lines again after it.
            ("mixed.json", records[..<200].joined(separator: "\n") + "\n" + pretty(records[200]) + "\n"
                + records[201...].joined(separator: "\n") + "\n"),
        ]
        for (name, text) in files {
            let p = dir.path(name)
            write(Array(text.utf8), to: p)
            let sequential = expectSame([p])
            let run = readParallel([.path(p)], threads: 2, blockBytes: 1024)
            let same = run.outcome == sequential
            #expect(same, "\(name): \(difference(run.outcome, sequential))")
            if name == "mixed.json" {
                // A lines source stays one: the pretty record's lines are malformed, as read in order.
                #expect(sequential.events.count == records.count - 1 && sequential.statuses[0].malformed > 0)
                #expect(run.kept > run.inOrder)
            } else {
                #expect(sequential.events.count == records.count, "\(name): \(sequential.statuses)")
                #expect(run.inOrder > 0, "\(name): some blocks decoded in order")
            }
        }
    }

    /// A directory of many small gzip files (CloudTrail's S3 delivery), and one large gzip
    /// file of lines: the same as read in order.
    @Test func gzipFilesAndDirectories() throws {
        let dir = try ScratchDir()
        let trail = dir.path("trail")
        for i in 0..<40 {
            let records = (0..<(5 + i % 7)).map { j in
                [ct1, ct2, ct3][(i + j) % 3].replacingOccurrences(of: "AKIA1", with: "AKIA\(i)X\(j)")
            }
            write(gzipped(Array((#"{"Records":["# + records.joined(separator: ",") + "]}").utf8)),
                  to: trail + "/2026/11/29/\(String(format: "%03d", i)).json.gz")
        }
        let delivery = expectSame([trail])
        #expect(delivery.statuses.count == 40 && delivery.events.count > 300)

        var traffic = DemoTraffic(seed: 3, start: EventTime(microseconds: 1_795_000_000_000_000))
        var bytes: [UInt8] = []
        traffic.generate(until: EventTime(microseconds: 1_795_000_000_000_000 + 5 * 60_000_000), into: &bytes)
        let p = dir.path("big.log.gz")
        write(gzipped(bytes), to: p)
        let big = expectSame([p], blockSizes: [4093, 65_536, 4 << 20])
        #expect(big.events.count > 1_000)
        // A corrupt stream fails the file and keeps what came before, in either path.
        var corrupt = gzipped(bytes, level: 1)
        for k in (corrupt.count / 2)..<(corrupt.count / 2 + 64) { corrupt[k] ^= 0x5A }
        let q = dir.path("corrupt.gz")
        write(corrupt, to: q)
        let broken = expectSame([q, p], blockSizes: [4093, 65_536])
        #expect(broken.statuses.map(\.state) == [.failed, .finished])
    }

    /// Damage: a quote left open (the rest of its line is one malformed record), a 2 MB line
    /// (longer than any block, and than the record limit), junk, blank and CRLF lines,
    /// prefixed lines, a BOM, and a last record without its newline.
    @Test func hostileInput() throws {
        let dir = try ScratchDir()
        let good = (0..<300).map { i in
            #"{"ts":"2026-11-29T14:32:40Z","identity":"svc-\#(i % 17)","kind":"service_account","action":"s3:GetObject","resource":"bucket/key-\#(i)","decision":"allow"}"#
        }
        var text = "\u{FEFF}" + good[0] + "\n"
        text += #"{"ts":"2026-11-29T14:32:41Z","identity":"open-quote,"action":"x}"# + "\n"
        text += good[1..<100].joined(separator: "\r\n") + "\r\n\n\n"
        text += #"{"ts":"2026-11-29T14:32:42Z","identity":"big","action":"a","resource":""# + String(repeating: "x", count: 2 << 20) + "\"}\n"
        text += "opa_1  | " + good[100] + "\n[2026-11-29 10:00:00] " + good[101] + "\n[notice] stray\n"
        text += good[102..<200].joined(separator: "\n") + "\n{\"ts\":\n"
        text += good[200...].joined(separator: "\n")
        text += "\n" + #"{"ts":"2026-11-29T14:32:43Z","identity":"tail","action":"a"# // cut short, no newline
        let p = dir.path("hostile.log")
        write(Array(text.utf8), to: p)
        let sequential = expectSame([p], blockSizes: [1024, 65_536, 4 << 20])
        #expect(sequential.statuses[0].malformed >= 4 && sequential.events.count >= 300, "\(sequential.statuses)")
        // The long line held at a higher limit is one event, still in order.
        var roomy = IngestOptions()
        roomy.maxRecordBytes = 4 << 20
        #expect(expectSame([p], options: roomy, blockSizes: [1024, 65_536]).events.contains { $0.identity == "big" })
        // A quote left open with nothing after it, and an empty file, and only newlines.
        write(Array(#"{"ts":"2026-11-29T14:32:41Z","identity":"x"#.utf8), to: dir.path("open.log"))
        write([], to: dir.path("empty.log"))
        write(Array(repeating: 0x0A, count: 5000), to: dir.path("newlines.log"))
        expectSame([dir.path("open.log"), dir.path("empty.log"), dir.path("newlines.log"), dir.path("missing.log")],
                   blockSizes: [1024, 65_536])
    }

    /// Standard input's path: an open descriptor, read in blocks like a file.
    @Test func descriptorInput() throws {
        let dir = try ScratchDir()
        let lines = kubernetesStages(requests: 500, seed: 11)
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        let p = dir.path("stdin.log")
        write(bytes, to: p)
        let fd = open(p, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let run = readParallel([.descriptor(fd, name: "-")], threads: 2, blockBytes: 2048)
        let sequential = decode(bytes, name: "-")
        let expected = ReadOutcome(events: sequential.events, statuses: [sequential.status])
        let same = run.outcome == expected
        #expect(same, "\(difference(run.outcome, expected))")
        #expect(run.kept > 10)
    }

    /// A pump merges about `maxBytes` even when blocks are larger: the dashboard's slices
    /// stay short while its backfill runs on every core.
    @Test func pumpStaysBounded() throws {
        let dir = try ScratchDir()
        let plain = eventLines(30_000)  // about 4.5 MB
        let p = dir.path("big.log")
        write(plain, to: p)
        var options = IngestOptions()
        options.decodeThreads = 2
        var source = ReadOnceSource(path: p, options: options)
        var events: [NormalizedEvent] = []
        var largest = 0
        var pumps = 0
        while !source.isFinished && pumps < 100_000 {
            largest = max(largest, source.pump(maxBytes: 64 * 1024) { events.append($0) })
            pumps += 1
        }
        #expect(largest <= 64 * 1024)
        #expect(pumps > plain.count / (64 * 1024))
        let same = events == decode(plain, name: p).events
        #expect(same)
        #expect(source.status.state == .finished && source.status.events == 30_000)
        #expect(source.identities.count == 1)
    }

    /// The sequential decoder itself, fed whole, is what the parallel read reproduces (the
    /// library-level form of the byte-identical report).
    @Test func equalsTheSequentialDecoder() throws {
        let dir = try ScratchDir()
        var traffic = DemoTraffic(seed: 5, start: EventTime(microseconds: 1_795_000_000_000_000))
        var bytes: [UInt8] = []
        traffic.generate(until: EventTime(microseconds: 1_795_000_000_000_000 + 6 * 60_000_000), into: &bytes)
        let p = dir.path("demo.log")
        write(bytes, to: p)
        let sequential = decode(bytes, name: p)
        var status = sequential.status
        status.state = .finished
        let expected = ReadOutcome(events: sequential.events, statuses: [status])
        for size in [1024, 65_536, 4 << 20] {
            for threads in [2, 4] {
                let run = readParallel([.path(p)], threads: threads, blockBytes: size)
                let same = run.outcome == expected
                #expect(same, "\(threads) threads, \(size): \(difference(run.outcome, expected))")
            }
        }
    }

    @Test(.enabled(if: Corpus.isAvailable, Corpus.absent))
    func everyCorpusFileAndTheDirectory() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Corpus.url.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".log") }.sorted()
        #expect(files.count == 26)
        for file in files {
            expectSame([Corpus.url.appendingPathComponent(file).path], blockSizes: [1024, 65_536, 4 << 20])
        }
        let whole = expectSame([Corpus.url.path], blockSizes: [1024, 65_536, 4 << 20])
        #expect(whole.statuses.count >= 26)
    }
}
