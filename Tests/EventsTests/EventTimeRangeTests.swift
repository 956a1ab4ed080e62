import Events
import Testing

/// Event time comes from log data, which whoever controls the identity writes: arithmetic on
/// it saturates instead of trapping or wrapping, and the sane range says what Ingest accepts.
@Suite("Event time range and saturating arithmetic")
struct EventTimeRangeTests {
    @Test func secondsAndMillisecondsSaturateInsteadOfWrapping() {
        #expect(EventTime(seconds: .max) == EventTime(microseconds: .max))
        #expect(EventTime(seconds: .min) == EventTime(microseconds: .min))
        #expect(EventTime(milliseconds: -9_223_372_036_854_776) == EventTime(microseconds: .min))
        // GitHub's hostile `@timestamp` still fits; it is the range check that stops it.
        #expect(EventTime(milliseconds: -9_223_372_036_854_775) == EventTime(microseconds: -9_223_372_036_854_775_000))
        #expect(!EventTime(milliseconds: -9_223_372_036_854_775).isSane)
        #expect(EventTime(milliseconds: 9_223_372_036_854_776) == EventTime(microseconds: .max))
        #expect(EventTime(milliseconds: 1_795_000_000_123) == EventTime(microseconds: 1_795_000_000_123_000))
        #expect(EventTime(seconds: 1_795_000_000) == EventTime(microseconds: 1_795_000_000_000_000))
    }

    @Test func addingSaturatesAtBothEnds() {
        #expect(EventTime(microseconds: .max - 1).adding(seconds: 10) == EventTime(microseconds: .max))
        #expect(EventTime.zero.adding(seconds: .max) == EventTime(microseconds: .max))
        #expect(EventTime(microseconds: .min + 1).adding(seconds: -10) == EventTime(microseconds: .min))
        #expect(EventTime.zero.adding(seconds: .min) == EventTime(microseconds: .min))
        #expect(EventTime(microseconds: .max).adding(microseconds: 1) == EventTime(microseconds: .max))
        #expect(EventTime(seconds: 100).adding(seconds: -40) == EventTime(seconds: 60))
    }

    @Test func differencesSaturate() {
        let top = EventTime(microseconds: .max), bottom = EventTime(microseconds: .min)
        #expect(top.microseconds(since: bottom) == .max)
        #expect(bottom.microseconds(since: top) == .min)
        #expect(EventTime(seconds: 90).microseconds(since: EventTime(seconds: 30)) == 60_000_000)
        #expect(EventTime(seconds: 30).seconds(since: EventTime(seconds: 90)) == -60)
        #expect(top.seconds(since: bottom) == Int64.max / 1_000_000)
    }

    @Test func formattingAnExtremeTimeDoesNotTrap() {
        #expect(EventTime(microseconds: .min).iso8601Micros.hasSuffix("Z"))
        #expect(EventTime(microseconds: .max).iso8601Micros.hasSuffix("Z"))
        #expect(EventTime(microseconds: -1).iso8601Micros == "1969-12-31T23:59:59.999999Z")
    }

    @Test func saneRangeIsYears1990Through2199() {
        let range = EventTime.saneRange
        #expect(range.contains(TimestampParser.parse("1990-01-01T00:00:00Z")!))
        #expect(!range.contains(TimestampParser.parse("1989-12-31T23:59:59.999999Z")!))
        #expect(range.contains(TimestampParser.parse("2199-12-31T23:59:59.999999Z")!))
        #expect(!range.contains(TimestampParser.parse("2200-01-01T00:00:00Z")!))
        #expect(!range.contains(.zero))
        #expect(TimestampParser.parse("2026-11-29T14:32:40Z")!.isSane)
        #expect(!EventTime(microseconds: .max).isSane)
        // Any two sane times and any configured duration (at most ten years) stay far from overflow.
        #expect(range.upperBound.microseconds(since: range.lowerBound) < Int64.max / 1000)
    }
}
