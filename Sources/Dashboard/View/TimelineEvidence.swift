import Activity
import Events

/// What an identity's kept timeline tells beyond the detail's lists: when each credential and
/// source address was first and last used in it, and which minutes of the last hour had a
/// deny. The timeline can be shorter than the identity's history, so each answer says whether
/// it is exact or only a bound; nothing is guessed.
struct TimelineEvidence {
    /// First and last use within the timeline.
    struct Seen: Hashable {
        var first: EventTime
        var last: EventTime
    }

    /// What the marker row under the activity curve shows for one minute.
    enum MinuteMark: Hashable {
        /// Nothing denied (or no activity).
        case none
        /// At least one deny in the timeline that minute.
        case deny
        /// Activity older than the timeline reaches, with denies unaccounted for: unknown.
        case unknown
    }

    var credentials: [String: Seen] = [:]
    var sourceIPs: [String: Seen] = [:]
    /// Every event of the identity is in the timeline: first-seen times are exact.
    var complete: Bool
    /// The oldest kept event's time; nil when the timeline is empty.
    var oldest: EventTime?
    /// One mark per value of `IdentityDetail.perMinute`, oldest first.
    var minutes: [MinuteMark]

    init(detail: IdentityDetail, clock: EventTime) {
        let recent = detail.recent
        complete = recent.count >= detail.row.events
        var oldest: EventTime?
        var denies = 0
        let count = detail.perMinute.count
        var marks = [MinuteMark](repeating: .none, count: count)
        let lastMinute = clock.minute
        for ev in recent {
            if oldest.map({ ev.time < $0 }) ?? true { oldest = ev.time }
            if !ev.credentialID.isEmpty { Self.note(&credentials, ev.credentialID, ev.time) }
            if !ev.sourceIP.isEmpty { Self.note(&sourceIPs, ev.sourceIP, ev.time) }
            guard ev.decision == .deny else { continue }
            denies += 1
            // Minute slots as `perMinute` counts them: the last is the clock's minute. Events
            // dated ahead of the clock (skewed) have no slot.
            let back = lastMinute - ev.time.minute
            if back >= 0, back < Int64(count) { marks[count - 1 - Int(back)] = .deny }
        }
        self.oldest = oldest
        // Minutes before the oldest kept event (and its own, partly kept) had activity the
        // timeline no longer shows: unless every deny is accounted for, say they are unknown.
        if !complete, denies < detail.row.denied, let oldest {
            let back = lastMinute - oldest.minute
            let cut = count - 1 - Int(min(max(back, -1), Int64(count)))
            for i in 0..<count where i <= cut && marks[i] == .none && detail.perMinute[i] > 0 {
                marks[i] = .unknown
            }
        }
        minutes = marks
    }

    private static func note(_ map: inout [String: Seen], _ key: String, _ t: EventTime) {
        if var seen = map[key] {
            if t < seen.first { seen.first = t }
            if t > seen.last { seen.last = t }
            map[key] = seen
        } else {
            map[key] = Seen(first: t, last: t)
        }
    }

    /// `first 12m ago, last 1s ago`; `first ≥ 12m ago, …` when the timeline does not reach
    /// back to the identity's first event; `last ≥ 40m ago` when it is not in the timeline.
    func seenText(_ seen: Seen?, now: EventTime, ascii: Bool) -> String {
        let atLeast = ascii ? ">= " : "\u{2265} "
        guard let seen else {
            guard let oldest else { return "not in the timeline" }
            return "last " + atLeast + TextFormat.age(oldest, now: now) + " ago"
        }
        let first = (complete ? "" : atLeast) + TextFormat.age(seen.first, now: now)
        return "first \(first) ago, last \(TextFormat.age(seen.last, now: now)) ago"
    }
}
