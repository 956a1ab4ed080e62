import Activity
import Events

extension Report {
    /// The `report --json` contract: one object, keys in a fixed order.
    /// `{"events","malformed","ignored","skipped","sources":[{"path","format","events","malformed","ignored","skipped","clock_skewed","audit_id_reused","state","message"}],
    ///   "identities":[{"identity","kind","format","events","denied","errors","events_1m","events_15m","events_1h",
    ///   "distinct_actions","distinct_resources","distinct_source_ips","distinct_credentials","distinct_saturated","first_seen","last_seen",
    ///   "credentials","source_ips","top_actions":[{"action","count"}],"risk","level","reasons":[{"signal","points","reason","last_seen","count"[,"rule":{"id","title","source","author","tactic"}]}],
    ///   and with a ledger "revocations":[{"time","operator","reason","hook","status","effect"}]}]}`
    public func json() -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("events", events)
        w.field("malformed", malformed)
        w.field("ignored", ignored)
        w.field("skipped", skipped)
        w.key("sources")
        w.beginArray()
        for s in sources {
            w.beginObject()
            w.field("path", s.name)
            if let f = s.format { w.field("format", f.label) } else { w.nullField("format") }
            w.field("events", s.events)
            w.field("malformed", s.malformed)
            w.field("ignored", s.ignored)
            w.field("skipped", s.skipped)
            w.field("clock_skewed", s.clockSkewed)
            w.field("audit_id_reused", s.auditIDReused)
            w.field("state", s.state.label)
            if !s.message.isEmpty { w.field("message", s.message) }
            w.endObject()
        }
        w.endArray()
        w.key("identities")
        w.beginArray()
        for i in identities {
            let r = i.row
            w.beginObject()
            w.field("identity", r.identity)
            w.field("kind", r.kind.label)
            w.field("format", r.format.label)
            w.field("events", r.events)
            w.field("denied", r.denied)
            w.field("errors", r.errors)
            w.field("events_1m", r.eventsLastMinute)
            w.field("events_15m", r.eventsLast15Minutes)
            w.field("events_1h", r.eventsLastHour)
            w.field("distinct_actions", r.distinctActions)
            w.field("distinct_resources", r.distinctResources)
            w.field("distinct_source_ips", r.distinctSourceIPs)
            w.field("distinct_credentials", r.distinctCredentials)
            // Which of the four reached their bound (sorted names; [] when none): those counts
            // and the counts in top_actions are then lower bounds.
            w.field("distinct_saturated", strings: r.distinctSaturated.labels)
            w.field("first_seen", r.firstSeen.iso8601Micros)
            w.field("last_seen", r.lastSeen.iso8601Micros)
            w.field("credentials", strings: i.credentials)
            w.field("source_ips", strings: i.sourceIPs)
            w.key("top_actions")
            w.beginArray()
            for a in i.topActions {
                w.beginObject()
                w.field("action", a.action)
                w.field("count", a.count)
                w.endObject()
            }
            w.endArray()
            w.field("risk", r.risk)
            w.field("level", RiskLevel(score: r.risk).word)
            w.key("reasons")
            w.beginArray()
            for reason in r.reasons { reason.write(into: &w) }
            w.endArray()
            if let revocations = i.revocations {
                w.key("revocations")
                w.beginArray()
                for rev in revocations { rev.write(into: &w) }
                w.endArray()
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.bytes + [UInt8(ascii: "\n")]
    }
}

extension SourceStatus.State {
    public var label: String {
        switch self {
        case .following: "following"
        case .finished: "finished"
        case .waiting: "waiting"
        case .failed: "failed"
        }
    }
}
