import Events

/// `--since` accepts a duration back from now (`90s`, `15m`, `2h`, `7d`, `1h30m`) or an
/// RFC 3339 time. Durations are measured from the wall clock when nhitop starts, as
/// `kubectl logs --since` does; a time is absolute, for replaying an incident window.
public enum SinceParser {
    public struct Invalid: Error, CustomStringConvertible {
        public let text: String
        public var description: String {
            "--since: \"\(text)\" is neither a duration (90s, 15m, 2h, 7d, 1h30m) nor an RFC 3339 time"
        }
    }

    public static func parse(_ text: String, now: EventTime) throws(Invalid) -> EventTime {
        if let t = TimestampParser.parse(text) { return t }
        guard let seconds = duration(text) else { throw Invalid(text: text) }
        return now.adding(seconds: -seconds)
    }

    /// Seconds in a duration like `1h30m`, or nil. Also `report --follow-for`.
    public static func duration(_ text: String) -> Int64? {
        var total: Int64 = 0
        var number: Int64?
        var sawUnit = false
        for c in text.unicodeScalars {
            if let d = Int64(exactly: c.value), (48...57).contains(d) {
                let (m, o1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (v, o2) = m.addingReportingOverflow(d - 48)
                guard !o1, !o2 else { return nil }
                number = v
                continue
            }
            let unit: Int64
            switch c {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            default: return nil
            }
            guard let n = number else { return nil }
            let (part, o) = n.multipliedReportingOverflow(by: unit)
            guard !o, part <= 100 * 365 * 86_400 else { return nil }
            total += part
            number = nil
            sawUnit = true
        }
        return sawUnit && number == nil ? total : nil
    }
}
