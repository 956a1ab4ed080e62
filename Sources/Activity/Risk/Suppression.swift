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

extension Suppression {
    /// Whether the identity glob covers `identity` (`*` any run, `?` one character, both
    /// case-sensitive: identities are exact names).
    public func covers(identity: String) -> Bool {
        identity == self.identity || Self.glob(Array(self.identity.unicodeScalars), Array(identity.unicodeScalars))
    }

    /// Whether it is in force at event time `t`.
    public func isActive(at t: EventTime) -> Bool { until.map { t < $0 } ?? true }

    /// Whether it mutes `rule` (by id) or `signal` for an identity it covers, at `t`.
    func mutes(signal: Signal, ruleID: String?, at t: EventTime) -> Bool {
        guard isActive(at: t) else { return false }
        switch target {
        case .rule(let id): return ruleID == id
        case .signal(let s): return s == signal
        }
    }

    /// Iterative glob with one backtrack point: linear in practice, never exponential.
    static func glob(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar]) -> Bool {
        var pi = 0, si = 0
        var star = -1, mark = 0
        while si < s.count {
            if pi < p.count, p[pi] == "?" || p[pi] == s[si], p[pi] != "*" {
                pi += 1
                si += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = si
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                si = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
