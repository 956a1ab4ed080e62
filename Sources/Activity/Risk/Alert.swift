import Events

/// An identity crossed into a higher risk level. Alerts are output only: a level change
/// never feeds back into the score.
public struct Alert: Hashable, Sendable {
    public var time: EventTime
    public var identity: String
    public var kind: IdentityKind
    public var level: RiskLevel
    public var previous: RiskLevel
    public var risk: Int
    /// The reasons at the moment of crossing, highest first.
    public var reasons: [RiskReason]
    /// An acknowledgement of this identity was recorded at or after this alert (set by the snapshot).
    public var acknowledged: Bool = false

    public init(time: EventTime, identity: String, kind: IdentityKind, level: RiskLevel, previous: RiskLevel,
                risk: Int, reasons: [RiskReason]) {
        self.time = time
        self.identity = identity
        self.kind = kind
        self.level = level
        self.previous = previous
        self.risk = risk
        self.reasons = reasons
    }
}
