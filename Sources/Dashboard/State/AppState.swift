import Activity
import Events
import Response

/// The panes that take focus, in Tab order.
/// The bottom area shows the feed, the alerts or the revocations, whichever of them has
/// (or last had) the focus.
public enum Pane: UInt8, Hashable, Sendable, CaseIterable {
    case identities, detail, feed, alerts, revocations

    public var title: String {
        switch self {
        case .identities: "Identities"
        case .detail: "Detail"
        case .feed: "Events"
        case .alerts: "Alerts"
        case .revocations: "Revocations"
        }
    }

    /// The panes that share the bottom area.
    public var isBottom: Bool { self == .feed || self == .alerts || self == .revocations }
}

/// The `/` line: what is typed, whether it is still being typed, and why it is invalid.
public struct FindState: Hashable, Sendable {
    /// Longer input is dropped: a filter line, not a buffer.
    public static let maximumLength = 200

    public var text: String
    /// The line at the bottom takes the keys until Enter (keep) or Esc (clear).
    public var editing: Bool
    /// A regex that does not compile: said on the filter line; the last valid filter stays.
    public var error: String?
    /// The last text that compiled: the filter in force (`AppState.query`); empty = none.
    /// Equal to `text` unless `error` is set.
    public var applied: String

    public init(text: String = "", editing: Bool = true, error: String? = nil, applied: String? = nil) {
        self.text = text
        self.editing = editing
        self.error = error
        self.applied = applied ?? (error == nil ? text : "")
    }
}

/// The full-screen view of one identity (Enter on a row; Esc returns).
public struct IdentityViewState: Hashable, Sendable {
    public var identity: String
    /// Cursor in the timeline (0 = newest event) and the first timeline line shown.
    public var cursor: Int = 0
    public var scroll: Int = 0
    /// The raw record of the timeline line under the cursor, once Enter asked for it.
    public var record: RawRecordView?
    /// The event under the cursor when it is not the newest: new events push the timeline
    /// down, and the cursor follows its event rather than its row. Nil = stay on the newest.
    public var anchor: EventOrigin?

    public init(identity: String) { self.identity = identity }
}

/// A record read back from its source for the identity view: pretty-printed, sanitized lines,
/// or why it cannot be shown (stdin, a rotated file).
public struct RawRecordView: Hashable, Sendable {
    /// `trail.json line 1204` or `stdin line 88`.
    public var title: String
    public var lines: [String]
    /// Set when the record could not be read back; `lines` is then empty.
    public var problem: String?
    public var scroll: Int = 0

    public init(title: String, lines: [String], problem: String? = nil) {
        self.title = title
        self.lines = lines
        self.problem = problem
    }
}

/// Everything the UI remembers between frames. Pure value; changed only by `update`.
public struct AppState: Hashable, Sendable {
    public var focus: Pane = .identities
    /// The selected identity, by name: it stays selected while the risk order changes.
    public var selectedIdentity: String?
    /// Where the selection was, so a vanished identity hands over to its neighbour.
    public var selectedIndex: Int = 0
    /// First visible row of the identity table.
    public var identityScroll: Int = 0
    /// First visible line of the detail pane.
    public var detailScroll: Int = 0
    /// Lines scrolled back from the newest feed line (0 = newest at the bottom).
    public var feedScroll: Int = 0
    public var helpVisible: Bool = false
    /// The revoke / undo / acknowledge modal, while open (or hidden while its hook runs).
    public var dialog: ResponseDialog?
    /// `--read-only` or `read_only: true`: revoke, undo and acknowledge do nothing.
    public var readOnly: Bool = false
    /// A one-line message for the footer ("read-only: revoke is disabled"); cleared by the next key.
    public var flash: String?
    /// A condition the loop reports until it ends ("ledger: chain broken at row 4", "quitting
    /// when the running hook ends"): shown in the footer, in the error role, when no flash is.
    public var status: String?
    /// Feed length (`UpdateContext.feedLength`) when the feed view was paused; nil = live.
    public var pausedAt: Int?
    /// Events that arrived since the pause (shown as "PAUSED · N new").
    public var newSincePause: Int = 0
    /// The `/` filter, while one is typed or in force.
    public var find: FindState?
    /// The last filter text, kept after Esc clears it: `n`/`N` jump to identities it matches.
    public var lastSearch: String?
    public var sort = IdentitySort()
    /// False until the operator moves the selection: until then it stays on the top row
    /// (the backfill reorders rows under it); afterwards it follows its identity.
    public var selectionMoved = false
    /// The identity view, while open.
    public var identityView: IdentityViewState?
    /// Cursor rows of the alerts pane (0 = newest) and the revocations pane.
    public var alertCursor = 0
    public var revocationCursor = 0
    /// Terminal size, from `Msg.resize`; used for page sizes.
    public var width: Int
    public var height: Int

    public init(width: Int = 80, height: Int = 24) {
        self.width = width
        self.height = height
    }

    public var isPaused: Bool { pausedAt != nil }

    /// Events the paused view hides at the bottom of the feed, given the current length.
    public func hiddenNewEvents(feedLength: Int) -> Int {
        guard let pausedAt else { return 0 }
        return max(0, feedLength - pausedAt)
    }
}

/// Inputs to `update`.
public enum Msg: Hashable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// New data arrived or time passed: lets `update` follow the selection and the pause count.
    case tick
    /// The loop's answer to `Effect.readRecord`: shown only while the record Enter opened is.
    case rawRecord(RawRecordView)
    /// The loop's answer to `Effect.cycleTheme`: the theme now in use.
    case themeChanged(name: String)
    /// The loop's answer to `Effect.planRevoke`.
    case revokePlan(RevokePlan)
    /// The loop's answer to `Effect.planUndo`.
    case undoPlan(UndoPlan)
    /// About every 250 ms while a hook runs.
    case responseProgress(elapsedSeconds: Double)
    /// A revoke, undo or acknowledgement ended (or there was nothing to undo).
    case responseFinished(ResponseOutcome)
}

/// What `update` asks the main loop to do.
public enum Effect: Hashable, Sendable {
    case quit
    /// The selection changed: ask the aggregator for this identity's detail.
    case selectIdentity(String?)
    /// `R` on an identity: build a `RevokePlan` and answer `Msg.revokePlan`.
    case planRevoke(identity: String)
    /// Confirmed: run `plan.steps[step]` off the UI thread; answer `Msg.responseProgress`
    /// while it runs and `Msg.responseFinished` at the end.
    case runRevoke(plan: RevokePlan, step: Int, reason: String)
    /// `U` on an identity: answer `Msg.undoPlan`, or `Msg.responseFinished` saying why there is nothing to undo.
    case planUndo(identity: String)
    case runUndo(plan: UndoPlan, reason: String)
    /// Record an acknowledgement of the identity's alert; answer `Msg.responseFinished`.
    case acknowledge(identity: String, note: String)
    /// Enter on a timeline line: read the record back from its source; answer `Msg.rawRecord`.
    case readRecord(EventOrigin)
    /// `T`: use the next theme; answer `Msg.themeChanged`.
    case cycleTheme
}

/// What `update` needs to know about the data, taken from the current snapshot.
public struct UpdateContext: Hashable, Sendable {
    /// Identity names in display order (the snapshot's risk order).
    public var identities: [String]
    /// Monotonic count of feed events (`ActivitySnapshot.totalEvents`), not the bounded
    /// feed's count: the pause badge counts what arrived since the pause.
    public var feedLength: Int
    /// Lines the detail pane would show for the selection (to bound its scrolling); 0 = unknown.
    public var detailLines: Int
    /// Events in the snapshot's feed (to bound scrolling back).
    public var feedCount: Int
    /// Identities matching the last search, in table order (`ActivitySnapshot.searchHits`).
    public var searchHits: [String]
    /// The identity view's timeline, newest first: where each line came from.
    public var timeline: [EventOrigin]
    /// The alerts pane's identities, newest first.
    public var alertIdentities: [String]
    /// The identity of each row of the revocations pane, in its order (newest first).
    public var revocationIdentities: [String]
    /// Rows of the revocations pane.
    public var revocationCount: Int { revocationIdentities.count }

    public init(identities: [String], feedLength: Int, detailLines: Int = 0, feedCount: Int = 0,
                searchHits: [String] = [], timeline: [EventOrigin] = [], alertIdentities: [String] = [],
                revocationIdentities: [String] = []) {
        self.identities = identities
        self.feedLength = feedLength
        self.detailLines = detailLines
        self.feedCount = feedCount
        self.searchHits = searchHits
        self.timeline = timeline
        self.alertIdentities = alertIdentities
        self.revocationIdentities = revocationIdentities
    }

    /// The usual context: straight from the snapshot being shown (and the revocations pane's rows).
    public init(snapshot: ActivitySnapshot, revocations: [RevocationEntry] = []) {
        self.init(identities: snapshot.identities.map(\.identity), feedLength: snapshot.totalEvents,
                  feedCount: snapshot.feed.count, searchHits: snapshot.searchHits,
                  timeline: (snapshot.detail?.recent ?? []).reversed().map(\.origin),
                  alertIdentities: snapshot.alerts.reversed().map(\.identity),
                  revocationIdentities: revocations.map(\.identity))
    }
}

extension AppState {
    /// What the loop asks the aggregator for, given this state and the terminal width.
    public var query: IdentityQuery {
        var q = IdentityQuery(sort: sort)
        // The last text that compiled stays in force while the line shows an invalid one.
        let applied = find?.applied ?? ""
        if !applied.isEmpty { q.filter = try? TextFilter(applied) }
        // `n`/`N` search what is filtered, or after Esc the last filter (less's last pattern).
        let search = applied.isEmpty ? lastSearch ?? "" : applied
        if !search.isEmpty { q.search = search == applied ? q.filter : try? TextFilter(search) }
        q.sparklineMinutes = width >= IdentityColumns.sparklineFromWidth ? IdentityColumns.sparklineMinutes : 0
        q.timelineFor = identityView?.identity
        q.alertLimit = focus == .alerts ? Int.max : 20
        return q
    }
}
