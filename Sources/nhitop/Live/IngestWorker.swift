import Dashboard
import Dispatch
import Events
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs an `IngestEngine` on a thread of its own, so the UI thread only reads keys and draws.
///
/// One-way, by value: the UI sends the state it shows (`request`) and the effects that need
/// the aggregator (`send`); the worker pumps the inputs without pause while there is a
/// backlog and publishes a `FramePicture` for the last state it was sent, at most at the
/// frame rate and only when something changed. The slot holds the latest picture only:
/// older ones are dropped, never queued. Answers to effects come back in order (`takeAnswers`).
///
/// A `Thread`, not a task: the cooperative pool has one thread per core, and a loop that
/// blocks in it (or tests that block it) would starve the rest.
final class IngestWorker: Sendable {
    /// At most this many pictures a second when the UI asked for a new view; data alone
    /// (events arrived, a status changed) publishes at most `dataFPS` (a busy feed would send
    /// the terminal a new screen 15 times a second otherwise).
    static let maxFPS = 15.0, dataFPS = 5.0
    /// A pump slice takes about this long, so a request waits at most that for the worker's
    /// attention; its size in bytes adapts to how fast the inputs decode.
    static let sliceMicros: UInt64 = 15_000
    static let minSlice = 64 << 10, maxSlice = 16 << 20

    private struct Inbox {
        /// The state the UI shows now, and the number of the last request that changed its view.
        var state: AppState?
        var request: UInt64 = 0
        /// The view of the last picture published: a state whose view equals it (the UI
        /// caught up with a selection the worker followed) is not a new request.
        var published: ViewKey?
        var effects: [Effect] = []
        var stopping = false
    }

    private struct Outbox {
        var picture: FramePicture?
        var answers: [Msg] = []
        var status = WorkerStatus()
    }

    private let inbox = Mutex(Inbox())
    private let outbox = Mutex(Outbox())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let handoff: Handoff
    private let notifyUI: @Sendable () -> Void
    private let latency: LatencyLog?
    private let startedAt: UInt64
    private let started = Atomic<Bool>(false)

    /// `notifyUI` is called (from the worker's thread) when a picture or answers are ready.
    /// `startedAt` (`Monotonic.micros`) is where the latency log's `backfill` counts from.
    init(engine: consuming IngestEngine, latency: LatencyLog? = nil, startedAt: UInt64 = Monotonic.micros(),
         notifyUI: @escaping @Sendable () -> Void = {}) {
        var engine = engine
        engine.measuresShown = latency != nil
        handoff = Handoff(engine)
        self.latency = latency
        self.startedAt = startedAt
        self.notifyUI = notifyUI
    }

    /// Starts the thread. Once.
    func start() {
        guard !started.exchange(true, ordering: .relaxed) else { return }
        let thread = Thread { [self] in
            // Resizes and Ctrl-Z are for curses on the UI thread: its handlers redraw.
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGWINCH)
            sigaddset(&set, SIGTSTP)
            pthread_sigmask(SIG_BLOCK, &set, nil)
            guard var engine = handoff.take() else {
                finished.signal()
                return
            }
            run(&engine)
            engine.stop()
            // Signalled before the engine is freed: a large aggregator takes a while to free,
            // and the terminal should not wait for that.
            finished.signal()
        }
        thread.name = "nhitop-ingest"
        // As much as the main thread had when ingest ran there (rules, regexes, deep records).
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Stops the worker and waits for it: it finishes the slice it is pumping (milliseconds).
    /// Idempotent; nothing is published afterwards.
    func stop() {
        let first = inbox.withLock { i in defer { i.stopping = true }; return !i.stopping }
        guard first else { return }
        wake.signal()
        if started.load(ordering: .relaxed) { finished.wait() }
    }

    // MARK: The UI's side

    /// The state the UI shows now. Returns the number of the request a picture must answer to
    /// show it: unchanged when its view is (a scroll, a help overlay); the worker is woken
    /// when it changed.
    @discardableResult
    func request(_ state: AppState) -> UInt64 {
        let view = ViewKey(state)
        let (number, changed) = inbox.withLock { i -> (UInt64, Bool) in
            let before = i.state.map(ViewKey.init)
            i.state = state
            guard before != view, i.published != view else { return (i.request, false) }
            i.request += 1
            return (i.request, true)
        }
        if changed { wake.signal() }
        return number
    }

    /// An effect that needs the aggregator (a plan, a run, an acknowledgement); its answers
    /// come back in order through `takeAnswers`.
    func send(_ effect: Effect) {
        inbox.withLock { $0.effects.append(effect) }
        wake.signal()
    }

    /// The latest picture, when it is newer than `sequence`.
    func picture(after sequence: UInt64) -> FramePicture? {
        outbox.withLock { o in o.picture.flatMap { $0.sequence > sequence ? $0 : nil } }
    }

    /// Answers posted since the last call, in order, and how the response side stands.
    func takeAnswers() -> (msgs: [Msg], status: WorkerStatus) {
        outbox.withLock { o in defer { o.answers.removeAll() }; return (o.answers, o.status) }
    }

    // MARK: The worker's loop

    private func run(_ engine: inout IngestEngine) {
        let frameMicros = UInt64(1_000_000 / Self.maxFPS), dataFrameMicros = UInt64(1_000_000 / Self.dataFPS)
        var slice = 256 << 10  // grows within a few slices to what the build decodes in `sliceMicros`
        var waitMs = LiveSession.busyWaitMs
        var dataChanged = true
        var answered: UInt64 = 0  // the request the last picture answered
        var lastPublish: UInt64 = 0
        var sequence: UInt64 = 0
        var status = WorkerStatus()
        var statuses: [SourceStatus] = []
        var caughtUp = false
        while true {
            let (state, request, effects, stopping) = inbox.withLock { i in
                defer { i.effects.removeAll() }
                return (i.state, i.request, i.effects, i.stopping)
            }
            if stopping { return }

            // 1. Effects and what the response side posted, answered before any more ingest.
            var answers: [Msg] = []
            for effect in effects { answers += engine.handle(effect) }
            let (posted, changed) = engine.drainResponse()
            answers += posted
            if let progress = engine.response.progress(now: Date()) { answers.append(progress) }
            if changed { dataChanged = true }
            var now = engine.status
            now.effectsHandled = status.effectsHandled + UInt64(effects.count)
            if !answers.isEmpty || now != status {
                status = now
                outbox.withLock { o in
                    o.answers += answers
                    o.status = now
                }
                notifyUI()
            }

            // 2. Ingest one slice.
            let budget = slice
            let t0 = Monotonic.micros()
            let read = engine.pump(maxBytes: budget, now: Self.wallNow())
            let t1 = Monotonic.micros()
            if read > 0 { dataChanged = true }
            if !caughtUp && engine.caughtUp(read: read, budget: budget) {
                caughtUp = true
                latency?.backfill(t1 &- startedAt)
            }
            if read >= budget { slice = Self.nextSlice(budget, took: t1 - t0) }

            // 3. Publish, at a capped rate, only when something changed. Ages count from event
            // time, so with no events, requests or source changes the picture is the same.
            if !dataChanged {
                let current = engine.inputs.statuses
                if current != statuses { statuses = current; dataChanged = true }
            }
            let asked = state != nil && request != answered
            let due = lastPublish &+ (asked ? frameMicros : dataFrameMicros)
            if let state, asked || dataChanged, t1 >= due || lastPublish == 0 {
                sequence += 1
                let picture = engine.picture(for: state, request: request, sequence: sequence)
                statuses = picture.statuses
                inbox.withLock { $0.published = picture.view }
                outbox.withLock { $0.picture = picture }
                notifyUI()
                lastPublish = Monotonic.micros()
                answered = request
                dataChanged = false
            }

            // 4. Wait: not at all while a backlog remains; otherwise until a request, an
            // effect, the next picture due, or the follow poll (30 ms while anything moves,
            // doubling to 250 ms while nothing does).
            let active = read > 0 || !answers.isEmpty || changed || engine.response.isRunning
            waitMs = LiveSession.nextWait(after: waitMs, read: read, budget: budget, active: active)
            if state != nil && (request != answered || dataChanged) {
                let due = lastPublish &+ (request != answered ? frameMicros : dataFrameMicros)
                let left = Int64(bitPattern: due &- Monotonic.micros())
                waitMs = min(waitMs, Int32(clamping: max(0, left / 1000 + 1)))
            }
            if waitMs > 0 { _ = wake.wait(timeout: .now() + .milliseconds(Int(waitMs))) }
        }
    }

    /// Carries the engine to the worker's thread. `@unchecked`: it is written before the thread
    /// starts (`Thread.start` orders that write before the thread's first read) and taken once
    /// by the thread, which alone touches the engine from then on.
    private final class Handoff: @unchecked Sendable {
        private var engine: IngestEngine?
        init(_ engine: IngestEngine) { self.engine = engine }
        func take() -> IngestEngine? { engine.take() }
    }

    /// Slices that took much less than `sliceMicros` double, ones that took more halve.
    static func nextSlice(_ slice: Int, took micros: UInt64) -> Int {
        if micros > sliceMicros { return max(minSlice, slice / 2) }
        if micros < sliceMicros / 2 { return min(maxSlice, slice * 2) }
        return slice
    }

    static func wallNow() -> EventTime {
        EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
    }
}
