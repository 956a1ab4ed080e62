import Activity
import Dashboard
import Events

/// The dashboard's test picture, from real events: the demo traffic replayed through Ingest
/// and the aggregator (`DemoReplay`). Rows, reasons, feed, detail and alerts are the model's
/// own output; `ev` makes single events for tests that feed an aggregator themselves.
enum Fixture {
    static let snapshot: ActivitySnapshot = DemoReplay.standard.snapshot(detailFor: nil, feedLimit: 400)
    static var clock: EventTime { snapshot.clock }

    static func t(_ secondsAgo: Int64) -> EventTime { clock.adding(seconds: -secondsAgo) }

    static var rows: [IdentityRow] { snapshot.identities }
    static var feed: [NormalizedEvent] { snapshot.feed }
    static var detail: IdentityDetail { snapshot.detail! }

    static func ev(_ ago: Int64, _ id: String, _ kind: IdentityKind, _ action: String, _ resource: String,
                   _ d: Decision, ip: String = "10.0.0.5", cred: String = "", format: SourceFormat = .cloudtrail) -> NormalizedEvent {
        NormalizedEvent(time: t(ago), identity: id, identityKind: kind, action: action, resource: resource, decision: d,
                        sourceIP: ip, credentialID: cred, format: format, origin: EventOrigin(source: "trail.json", line: 1))
    }

    /// The demo source as the header shows it after the replay.
    static let sources: [SourceStatus] = [DemoReplay.standardSource]

    static func state(width: Int, height: Int) -> AppState {
        var s = AppState(width: width, height: height)
        s.selectedIdentity = rows[0].identity
        return s
    }
}
