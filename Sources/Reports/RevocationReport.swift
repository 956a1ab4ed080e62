import Activity
import Events

/// One revoke of an identity as `report --json --ledger` lists it: who, why, how it ran,
/// and what the stream says about it since.
public struct RevocationReport: Hashable, Sendable {
    public var time: EventTime
    public var operatorName: String
    public var reason: String
    public var hook: String
    /// The ledger outcome (`succeeded`, `failed`, `timed_out`, `manual`, `dry_run`), or `undone`.
    public var status: String
    /// `pending`, `effective`, `still_active`, or `not_in_force` (failed, rehearsed, undone or superseded).
    public var effect: String

    public init(time: EventTime, operatorName: String, reason: String, hook: String, status: String, effect: String) {
        self.time = time
        self.operatorName = operatorName
        self.reason = reason
        self.hook = hook
        self.status = status
        self.effect = effect
    }

    /// The word for a revoke in force, from the identity's status at the report's clock.
    public static func effectWord(_ state: RevocationStatus.State) -> String {
        switch state {
        case .pending: "pending"
        case .effective: "effective"
        case .stillActive: "still_active"
        }
    }

    func write(into w: inout JSONWriter) {
        w.beginObject()
        w.field("time", time.iso8601Micros)
        w.field("operator", operatorName)
        w.field("reason", reason)
        w.field("hook", hook)
        w.field("status", status)
        w.field("effect", effect)
        w.endObject()
    }
}
