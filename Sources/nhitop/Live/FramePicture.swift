import Activity
import Dashboard
import Events

/// What a picture is of: the filter and order, whose detail, whose long timeline. A state
/// whose view equals a picture's can be drawn from it; otherwise the UI asks for another.
struct ViewKey: Hashable, Sendable {
    var query: IdentityQuery
    var detailFor: String?
    /// The identity view's identity: it keeps its long timeline while open (`ActivityAggregator.pin`).
    var pin: String?

    init(_ state: AppState) {
        query = state.query
        pin = state.identityView?.identity
        detailFor = pin ?? state.selectedIdentity
    }
}

/// The hand-off from the ingest worker to the UI: a value, complete for one frame. The UI
/// renders it with its own state (`renderDashboard` stays a pure function of values) and
/// never reaches back into the aggregator.
struct FramePicture: Sendable {
    /// Increases with every picture published; the UI takes a picture once.
    var sequence: UInt64
    /// The view it was built for: the state the UI last sent, after following the selection
    /// as a tick would (see `IngestEngine.picture`).
    var view: ViewKey
    /// The request it answers (`IngestWorker.request`): the UI waits for its own.
    var request: UInt64
    var snapshot: ActivitySnapshot
    /// The revocations pane's rows.
    var revocations: [RevocationEntry]
    var statuses: [SourceStatus]
    /// The first event ingested since the previous picture: its origin line and when
    /// (`Monotonic.micros`), for the latency log's `shown` line. Nil when not measured.
    var firstIngested: (line: Int64, at: UInt64)?

    /// Before the worker's first answer: an empty dashboard, for no view in particular.
    static func empty(view: ViewKey) -> FramePicture {
        FramePicture(sequence: 0, view: view, request: 0, snapshot: .empty, revocations: [], statuses: [])
    }

    /// What `update` may know of the data: exactly what this picture shows.
    var context: UpdateContext { UpdateContext(snapshot: snapshot, revocations: revocations) }
}

/// How the worker's side of responding stands, for the UI's footer and its exit: small and
/// published at once, not at the frame rate.
struct WorkerStatus: Equatable, Sendable {
    /// What is wrong with the ledger or the alerts file now (the footer's status line).
    var problem: String?
    /// A hook runs: quitting waits for its record.
    var hookRunning = false
    /// How many of the effects the UI sent have been handled: until it catches up with what
    /// the UI sent, a just-confirmed revoke may not have started yet.
    var effectsHandled: UInt64 = 0
}
