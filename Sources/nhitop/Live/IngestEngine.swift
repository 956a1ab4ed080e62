import Activity
import Dashboard
import Events
import Foundation
import Ingest

/// Everything that touches the aggregator, owned by one thread (the ingest worker's): the
/// inputs it reads, the aggregator they feed, the ledger rows and hook results drained into
/// it, the plans built from it, and the alerts file it fills. Single-threaded and synchronous,
/// so tests drive it step by step; `IngestWorker` runs it on its own thread.
struct IngestEngine {
    var inputs: InputSet
    var aggregator: ActivityAggregator
    var response: LiveResponse
    /// `--alerts FILE`, written as alerts happen.
    var alertLog: AlertLog?
    var feedLimit = 400
    /// Notes the first event ingested after each picture, for the latency log's `shown` line.
    var measuresShown = false
    /// The first event ingested since the last picture: its origin line, and when.
    private var firstIngested: (line: Int64, at: UInt64)?
    /// Inputs found to be read once (directories, `.gz`), by status name: the backfill is not
    /// over while one of them is unfinished, even when a pump reads less than it could.
    private var readOnceNames: [String: Bool] = [:]

    init(inputs: InputSet, aggregator: consuming ActivityAggregator, response: LiveResponse,
         alertLog: AlertLog? = nil, feedLimit: Int = 400) {
        self.inputs = inputs
        self.aggregator = aggregator
        self.response = response
        self.alertLog = alertLog
        self.feedLimit = feedLimit
    }

    /// Reads and folds at most about `maxBytes`; returns the bytes read.
    mutating func pump(maxBytes: Int, now: EventTime) -> Int {
        let read = Self.pump(&inputs, into: &aggregator, maxBytes: maxBytes, now: now,
                             first: &firstIngested, measure: measuresShown)
        if let alertLog { alertLog.write(aggregator.drainAlerts()) }
        return read
    }

    /// Stored properties passed inout side by side: a closure capturing `self` while
    /// `self.inputs` is being changed would be an overlapping access.
    private static func pump(_ inputs: inout InputSet, into aggregator: inout ActivityAggregator, maxBytes: Int,
                             now: EventTime, first: inout (line: Int64, at: UInt64)?, measure: Bool) -> Int {
        guard measure else { return inputs.pump(maxBytes: maxBytes, now: now, emit: { aggregator.ingest($0) }) }
        return inputs.pump(maxBytes: maxBytes, now: now, emit: { event in
            if first == nil { first = (event.origin.line, Monotonic.micros()) }
            aggregator.ingest(event)
        })
    }

    /// Answers one effect of `update` that needs the aggregator (plans, runs, acknowledgements).
    mutating func handle(_ effect: Effect) -> [Msg] {
        response.handle(effect, aggregator: aggregator)
    }

    /// Ledger rows (this process's and other nhitop's) into the aggregator; hook results as
    /// messages for the dialog. `changed` when the picture may differ.
    mutating func drainResponse() -> (msgs: [Msg], changed: Bool) {
        response.drain(into: &aggregator)
    }

    var status: WorkerStatus {
        WorkerStatus(problem: response.problem ?? alertLog?.problem, hookRunning: response.isRunning)
    }

    /// The picture for `state`: what its filter, order and open views ask for. The selection
    /// is followed first, as the UI's tick on this picture will (`update(_, .tick, _)` is pure):
    /// while the backfill reorders the rows under an unmoved selection, the detail shown is
    /// that of the row the UI will have selected, not "loading" until the next picture.
    mutating func picture(for state: AppState, request: UInt64, sequence: UInt64) -> FramePicture {
        var view = ViewKey(state)
        var snapshot = snapshot(view)
        let revocations = revocationEntries(replay: response.replay, aggregator: aggregator)
        let (next, effects) = update(state, .tick, context: UpdateContext(snapshot: snapshot, revocations: revocations))
        if effects.contains(where: { if case .selectIdentity = $0 { true } else { false } }) {
            view = ViewKey(next)
            snapshot = self.snapshot(view)
        }
        defer { firstIngested = nil }
        return FramePicture(sequence: sequence, view: view, request: request, snapshot: snapshot,
                            revocations: revocations, statuses: inputs.statuses, firstIngested: firstIngested)
    }

    /// The identity view keeps its identity's long timeline (`pin`) while it is open.
    private mutating func snapshot(_ view: ViewKey) -> ActivitySnapshot {
        aggregator.pin(view.pin)
        return aggregator.snapshot(query: view.query, detailFor: view.detailFor, feedLimit: feedLimit)
    }

    /// The backfill is over: the last pump read less than it could (every followed file and
    /// stream is at its end) and no directory or `.gz` is still being read.
    mutating func caughtUp(read: Int, budget: Int) -> Bool {
        guard read < budget else { return false }
        for s in inputs.statuses where s.state == .following {
            let once = readOnceNames[s.name] ?? {
                let v = InputSet.readsOnce(s.name)
                readOnceNames[s.name] = v
                return v
            }()
            if once { return false }
        }
        return true
    }

    /// The poller's timer: nothing posts to the response inbox once the worker has stopped.
    func stop() { response.stop() }
}
