import Activity
import Response

/// The panes that take focus, in Tab order.
public enum Pane: UInt8, Hashable, Sendable, CaseIterable {
    case identities, detail, feed

    public var title: String {
        switch self {
        case .identities: "Identities"
        case .detail: "Detail"
        case .feed: "Events"
        }
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

    public init(identities: [String], feedLength: Int, detailLines: Int = 0, feedCount: Int = 0) {
        self.identities = identities
        self.feedLength = feedLength
        self.detailLines = detailLines
        self.feedCount = feedCount
    }

    /// The usual context: straight from the snapshot being shown.
    public init(snapshot: ActivitySnapshot) {
        self.init(identities: snapshot.identities.map(\.identity), feedLength: snapshot.totalEvents,
                  feedCount: snapshot.feed.count)
    }
}
