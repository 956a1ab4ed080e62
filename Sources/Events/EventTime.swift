/// An instant on the event clock: microseconds since the Unix epoch, UTC.
///
/// Every layer above Ingest runs on event time, never on the wall clock, so a replayed
/// log and a live stream give the same answer.
public struct EventTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }
    /// Epoch seconds, saturating at the ends of the clock.
    public init(seconds: Int64) { self = EventTime(microseconds: 0).adding(seconds: seconds) }

    public static let zero = EventTime(microseconds: 0)

    /// Epoch milliseconds (GitHub's `@timestamp`), saturating at the ends of the clock.
    public init(milliseconds: Int64) {
        let (m, overflow) = milliseconds.multipliedReportingOverflow(by: 1000)
        self.microseconds = overflow ? (milliseconds < 0 ? .min : .max) : m
    }

    /// The event times Ingest accepts: 1990-01-01T00:00:00Z up to (not including) 2200-01-01.
    ///
    /// Log data is written by whoever controls the identity, so a time is hostile until it is
    /// inside this range. No log format nhitop reads predates 1990 (the oldest, CloudTrail,
    /// began in 2013); earlier values are broken clocks or unit mistakes (epoch 0, seconds read
    /// as milliseconds). 2200 is far past any real clock, yet two sane times are at most 210
    /// years (6.6e15 µs) apart, a thousandth of Int64's range: their differences, plus any
    /// configured duration (at most ten years), never come near overflow. Ingest counts a record
    /// outside it as malformed (`SourceDecoder`), so no such time reaches Activity.
    public static let saneRange = EventTime(microseconds: 631_152_000 * 1_000_000)
        ..< EventTime(microseconds: 7_258_118_400 * 1_000_000)

    /// Whether this time is inside `saneRange`.
    public var isSane: Bool { Self.saneRange.contains(self) }

    public var seconds: Int64 { microseconds.floorDiv(1_000_000) }
    /// Whole minutes since the epoch; the bucket index of per-minute series.
    public var minute: Int64 { microseconds.floorDiv(60_000_000) }

    public static func < (a: EventTime, b: EventTime) -> Bool { a.microseconds < b.microseconds }

    /// This time moved by `seconds`, saturating at the ends of the clock: times come from log
    /// data and durations from config, and neither may trap or wrap.
    public func adding(seconds: Int64) -> EventTime {
        let (delta, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        return adding(microseconds: overflow ? (seconds < 0 ? .min : .max) : delta)
    }

    /// This time moved by `delta` microseconds, saturating at the ends of the clock.
    public func adding(microseconds delta: Int64) -> EventTime {
        let (sum, overflow) = microseconds.addingReportingOverflow(delta)
        return EventTime(microseconds: overflow ? (delta < 0 ? .min : .max) : sum)
    }

    /// Microseconds from `earlier` to this time (negative when `earlier` is later), saturating.
    /// Use it instead of subtracting `.microseconds`: times come from log data.
    public func microseconds(since earlier: EventTime) -> Int64 {
        let (d, overflow) = microseconds.subtractingReportingOverflow(earlier.microseconds)
        return overflow ? (earlier.microseconds < 0 ? .max : .min) : d
    }

    /// Whole seconds from `earlier` to this time, rounded toward zero, saturating.
    public func seconds(since earlier: EventTime) -> Int64 {
        microseconds(since: earlier) / 1_000_000
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
        // Not `microseconds - seconds * 1_000_000`: near Int64.min that product overflows.
        let r = microseconds % 1_000_000
        let micros = Int(r < 0 ? r + 1_000_000 : r)
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
