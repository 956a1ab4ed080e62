/// An instant on the event clock: microseconds since the Unix epoch, UTC.
///
/// Every layer above Ingest runs on event time, never on the wall clock, so a replayed
/// log and a live stream give the same answer.
public struct EventTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }
    public init(seconds: Int64) { self.microseconds = seconds &* 1_000_000 }

    public static let zero = EventTime(microseconds: 0)

    public var seconds: Int64 { microseconds.floorDiv(1_000_000) }
    /// Whole minutes since the epoch; the bucket index of per-minute series.
    public var minute: Int64 { microseconds.floorDiv(60_000_000) }

    public static func < (a: EventTime, b: EventTime) -> Bool { a.microseconds < b.microseconds }

    public func adding(seconds: Int64) -> EventTime {
        EventTime(microseconds: microseconds &+ seconds &* 1_000_000)
    }

    /// RFC 3339 in UTC with second precision, e.g. `2026-11-29T14:32:40Z`.
    public var description: String { iso8601 }

    public var iso8601: String {
        let c = CivilTime(epochSeconds: seconds)
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))Z"
    }

    /// RFC 3339 in UTC with microseconds, for exports that must keep the source precision.
    public var iso8601Micros: String {
        let c = CivilTime(epochSeconds: seconds)
        let micros = Int(microseconds - seconds * 1_000_000)
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2)).\(pad(micros, 6))Z"
    }

    /// `HH:MM:SS` in UTC: the clock shown in the header and the feed.
    public var clock: String {
        let c = CivilTime(epochSeconds: seconds)
        return "\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
    }
}

@inline(__always)
private func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension Int64 {
    @inline(__always)
    func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}

/// Proleptic Gregorian calendar fields for a UTC instant (Howard Hinnant's algorithms),
/// so formatting and parsing need neither Foundation nor the C library's locale state.
public struct CivilTime: Equatable, Sendable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
    }

    public init(epochSeconds: Int64) {
        let days = epochSeconds.floorDiv(86_400)
        let secs = Int(epochSeconds - days * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(year: Int(y), month: Int(m), day: Int(d),
                  hour: secs / 3600, minute: (secs % 3600) / 60, second: secs % 60)
    }

    public var epochSeconds: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86_400 + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
    }
}
