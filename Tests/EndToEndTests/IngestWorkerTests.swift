import Activity
import Dashboard
import Events
import Foundation
import Ingest
@testable import nhitop
import Response
import Testing

/// The dashboard's ingest worker without a terminal: a file is fed to it, views are asked
/// for, pictures come back; and one asked for in the middle of a large backfill is answered
/// before the backfill ends.
@Suite struct IngestWorkerTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-worker-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    /// `count` nhitop JSON lines from `identities` identities, one second apart.
    static func lines(_ count: Int, identities: Int = 300, start: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count * 130)
        for i in start..<(start + count) {
            let s = i % 86_400
            let ts = "2026-11-29T\(pad(s / 3600)):\(pad(s / 60 % 60)):\(pad(s % 60))Z"
            let decision = i % 7 == 0 ? "deny" : "allow"
            out += Array(#"{"ts":"\#(ts)","identity":"svc-\#(i % identities)","kind":"ci_job","action":"deploy-\#(i % 13)","resource":"app/\#(i % 29)","decision":"\#(decision)"}"#.utf8)
            out.append(10)
        }
        return out
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func engine(_ paths: [String]) throws -> IngestEngine {
        var aggregator = ActivityAggregator()
        let executor = ResponseExecutor(ledger: try Ledger(path: dir.appendingPathComponent("ledger.sqlite").path),
                                        config: ResponseConfig(), operatorInfo: OperatorInfo(user: "alice"),
                                        denylistPath: dir.appendingPathComponent("denylist.json").path)
        let response = try LiveResponse(executor: executor, aggregator: &aggregator)
        return IngestEngine(inputs: InputSet(paths: paths), aggregator: aggregator, response: response)
    }

    /// Polls the worker until a picture satisfies `accept`.
    func waitForPicture(_ worker: IngestWorker, after sequence: UInt64 = 0, timeout: TimeInterval = 120,
                        _ accept: (FramePicture) -> Bool) throws -> FramePicture {
        let start = Date()
        var seen = sequence
        while Date().timeIntervalSince(start) < timeout {
            if let p = worker.picture(after: seen) {
                seen = p.sequence
                if accept(p) { return p }
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        throw TmuxError.timeout("no picture within \(timeout)s")
    }

    @Test func picturesAnswerTheViewAskedFor() throws {
        let path = try write(Self.lines(2_000, identities: 40), to: "small.jsonl")
        let worker = IngestWorker(engine: try engine([path]))
        worker.start()
        defer { worker.stop() }
        var state = AppState(width: 120, height: 40)
        let first = worker.request(state)
        let all = try waitForPicture(worker) { $0.request >= first && $0.snapshot.totalEvents == 2_000 }
        #expect(all.snapshot.identities.count == 40)
        #expect(all.statuses.first?.events == 2_000)
        // The tick's selection follow already applied: the detail is the top row's.
        #expect(all.snapshot.detail?.row.identity == all.snapshot.identities.first?.identity)

        // A filter is a new view: the next picture answers it, with only the matching rows.
        state.find = FindState(text: "svc-1", editing: false)
        let second = worker.request(state)
        #expect(second == first + 1)
        let filtered = try waitForPicture(worker, after: all.sequence) { $0.request >= second }
        #expect(filtered.view.query == state.query)
        #expect(filtered.snapshot.identities.allSatisfy { $0.identity.hasPrefix("svc-1") })
        #expect(filtered.snapshot.identities.count == 11)  // svc-1, svc-10 … svc-19

        // A state whose view is unchanged (help open) is no new request.
        state.helpVisible = true
        #expect(worker.request(state) == second)
    }

    @Test func aViewAskedDuringALargeBackfillIsAnsweredBeforeItEnds() throws {
        // About 30 MB: many slices, whichever build runs the test.
        let total = 240_000
        let path = try write(Self.lines(total, identities: 5_000), to: "large.jsonl")
        let worker = IngestWorker(engine: try engine([path]))
        worker.start()
        var state = AppState(width: 120, height: 40)
        let first = worker.request(state)
        let started = try waitForPicture(worker) { $0.request >= first && $0.snapshot.totalEvents > 0 }
        #expect(started.snapshot.totalEvents < total, "the first picture came after the whole backfill")

        state.sort.key = state.sort.key.next
        let asked = worker.request(state)
        let answer = try waitForPicture(worker, after: started.sequence) { $0.request >= asked }
        #expect(answer.view.query.sort == state.sort)
        #expect(answer.snapshot.totalEvents < total,
                "answered only after the backfill: \(answer.snapshot.totalEvents) of \(total) events in")

        // An effect that needs the aggregator is answered in order, also mid-backfill.
        worker.send(.planRevoke(identity: "svc-7"))
        let start = Date()
        var answers: [Msg] = []
        while answers.isEmpty && Date().timeIntervalSince(start) < 60 {
            answers = worker.takeAnswers().msgs
            Thread.sleep(forTimeInterval: 0.002)
        }
        guard case .revokePlan(let plan)? = answers.first else {
            Issue.record("no plan: \(answers)")
            return
        }
        #expect(plan.target.identity == "svc-7")

        // Stopping mid-backfill joins the thread: after stop() nothing more is published.
        worker.stop()
        let last = worker.picture(after: 0)?.sequence ?? 0
        Thread.sleep(forTimeInterval: 0.3)
        #expect((worker.picture(after: 0)?.sequence ?? 0) == last)
        #expect((worker.picture(after: 0)?.snapshot.totalEvents ?? 0) < total)
    }

    @Test func anIdleWorkerFollowsAppendedLines() throws {
        let path = try write(Self.lines(100, identities: 5), to: "follow.jsonl")
        let worker = IngestWorker(engine: try engine([path]))
        worker.start()
        defer { worker.stop() }
        let first = worker.request(AppState(width: 120, height: 40))
        let before = try waitForPicture(worker) { $0.request >= first && $0.snapshot.totalEvents == 100 }
        // Nothing arrives: nothing is published.
        Thread.sleep(forTimeInterval: 0.6)
        #expect(worker.picture(after: before.sequence) == nil, "a picture with nothing new")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(Self.lines(10, identities: 50, start: 100)))
        try handle.close()
        let after = try waitForPicture(worker, after: before.sequence, timeout: 10) { $0.snapshot.totalEvents == 110 }
        #expect(after.request == first)
    }
}

/// The UI thread's bookkeeping: when a key may act, when a frame may be drawn.
@Suite struct UILoopTests {
    static func picture(_ state: AppState, request: UInt64, sequence: UInt64, identities: [String]) -> FramePicture {
        var p = FramePicture.empty(view: ViewKey(state))
        p.request = request
        p.sequence = sequence
        p.snapshot.identities = identities.map {
            IdentityRow(identity: $0, kind: .ciJob, format: .nhitop, eventsLastMinute: 0, events: 1, denied: 0, errors: 0,
                        firstSeen: .zero, lastSeen: .zero, risk: 0, reasons: [])
        }
        return p
    }

    @Test func aKeyAfterAFilterChangeWaitsForTheNewRows() {
        var loop = UILoop(state: AppState(width: 120, height: 40), holdLimit: 1_000_000, drawLimit: 250_000)
        var requests: UInt64 = 0
        let ask = { (_: AppState) -> UInt64 in requests += 1; return requests }
        loop.ask(ask, now: 0)
        loop.take(Self.picture(loop.state, request: 1, sequence: 1, identities: ["a", "b", "x1", "x2"]))
        #expect(loop.mustDraw(now: 10))
        loop.drew(at: 10, latency: nil, took: 0)

        // `/x` Enter, then `n` typed faster than a frame.
        loop.state.find = FindState(text: "x", editing: false)
        loop.state.lastSearch = "x"
        loop.ask(ask, now: 20)
        #expect(loop.requestSent == 2)
        loop.queue.append((.key(.char("n")), 20))
        #expect(loop.nextMessage(now: 30) == nil, "n acted on the rows of the old filter")
        #expect(!loop.mustDraw(now: 30), "drew the new filter over the old rows")
        // A picture for the old view changes nothing.
        loop.take(Self.picture(AppState(), request: 1, sequence: 2, identities: ["a"]))
        #expect(loop.nextMessage(now: 40) == nil)
        var filtered = Self.picture(loop.state, request: 2, sequence: 3, identities: ["x1", "x2"])
        filtered.snapshot.searchHits = ["x1", "x2"]
        loop.take(filtered)
        #expect(loop.nextMessage(now: 50) == .key(.char("n")))
        #expect(loop.context.searchHits == ["x1", "x2"])
        #expect(loop.mustDraw(now: 50))
    }

    @Test func aHeldKeyActsOnWhatIsShownAfterTheLimit() {
        var loop = UILoop(state: AppState(width: 120, height: 40), holdLimit: 1_000, drawLimit: 500)
        loop.ask({ _ in 1 }, now: 0)
        loop.take(Self.picture(loop.state, request: 1, sequence: 1, identities: ["a"]))
        loop.drew(at: 0, latency: nil, took: 0)
        loop.state.sort.key = loop.state.sort.key.next
        loop.ask({ _ in 2 }, now: 100)
        loop.queue.append((.key(.char("j")), 100))
        #expect(loop.nextMessage(now: 200) == nil)
        #expect(!loop.mustDraw(now: 599))
        #expect(loop.mustDraw(now: 600), "the moved cursor was never drawn")
        #expect(loop.nextMessage(now: 1_199) == nil)
        #expect(loop.nextMessage(now: 1_200) == .key(.char("j")))
    }

    @Test func answersComeBeforeKeysWaitingForThem() {
        var loop = UILoop(state: AppState(width: 120, height: 40))
        loop.ask({ _ in 1 }, now: 0)
        loop.take(Self.picture(loop.state, request: 1, sequence: 1, identities: ["a"]))
        loop.drew(at: 0, latency: nil, took: 0)
        // `R` sent a plan request; the next key must see the dialog with its plan.
        loop.effectsSent = 1
        loop.queue.append((.key(.enter), 10))
        #expect(loop.nextMessage(now: 20) == nil)
        #expect(loop.exitWaits, "q now would leave before the worker saw the revoke")
        loop.status.effectsHandled = 1
        let plan = RevokePlanner.plan(target: RevokeTarget(identity: "a", kind: .ciJob), config: ResponseConfig(), previous: nil)
        loop.receive([.revokePlan(plan)])
        #expect(loop.nextMessage(now: 30) == .revokePlan(plan))
        #expect(loop.nextMessage(now: 30) == .key(.enter))
        #expect(!loop.exitWaits)
    }

    @Test func theLatencyLogHasOneLinePerEvent() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nhitop-latency-\(UUID().uuidString)").path
        defer { unlink(path) }
        let log = try #require(LatencyLog(path: path))
        var loop = UILoop(state: AppState(width: 120, height: 40))
        loop.measuresKeys = true
        loop.ask({ _ in 1 }, now: 0)
        loop.queue.append((.key(.char("?")), 1_000))
        #expect(loop.nextMessage(now: 1_000) == .key(.char("?")))
        loop.ask({ _ in 1 }, now: 1_000)
        // Not shown by a frame of the picture before its request was answered.
        loop.drew(at: 2_000, latency: log, took: 400)
        var p = Self.picture(loop.state, request: 1, sequence: 1, identities: ["a"])
        p.firstIngested = (line: 42, at: 500)
        loop.take(p)
        loop.drew(at: 5_000, latency: log, took: 300)
        loop.drew(at: 6_000, latency: log, took: 200)
        log.backfill(123)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "frame 400\nframe 300\nkey 4000\nshown 42 4500\nframe 200\nbackfill 123\n")
    }
}
