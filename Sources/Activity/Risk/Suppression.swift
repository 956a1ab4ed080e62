import Events

/// A mute the operator wrote down (`suppress:` in the risk config): a rule or a signal does
/// not count for identities matching a pattern, optionally until a date. Routine is routine:
/// controllers updating leases should not look like an attack because a Sigma rule says so.
///
/// ```yaml
/// suppress:
///   - rule: 7b0d4d3a-…                  # a rule id (Sigma id or catalogue id); or
///   - signal: first_action              # a signal name
///     identity: "system:serviceaccount:kube-system:*"   # glob, * and ?; default every identity
///     until: 2026-12-31                 # RFC 3339 date or time (event time); default forever
///     reason: leader election           # words, shown by `nhitop rules`
/// ```
public struct Suppression: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        case rule(String)
        case signal(Signal)
    }
    public var target: Target
    /// A glob over the identity (`*` any run, `?` one character); `*` mutes it for everyone.
    public var identity: String
    /// Event time after which the mute no longer applies; nil: forever.
    public var until: EventTime?
    public var reason: String

    public init(target: Target, identity: String = "*", until: EventTime? = nil, reason: String = "") {
        self.target = target
        self.identity = identity
        self.until = until
        self.reason = reason
    }
}
