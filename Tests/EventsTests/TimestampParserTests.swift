import Testing
@testable import Events

@Suite struct TimestampParserTests {
    @Test func parsesZuluSeconds() {
        let t = TimestampParser.parse("2020-09-14T01:19:40Z")
        #expect(t?.seconds == 1_600_046_380)
        #expect(t?.iso8601 == "2020-09-14T01:19:40Z")
    }

    @Test func keepsMicrosecondsAndDropsFinerDigits() {
        let t = TimestampParser.parse("2017-09-11T19:55:05.123456789Z")
        #expect(t?.microseconds == 1_505_159_705_123_456)
        #expect(t?.iso8601Micros == "2017-09-11T19:55:05.123456Z")
    }

    @Test func appliesOffsets() {
        #expect(TimestampParser.parse("2026-01-01T02:00:00+02:00") == TimestampParser.parse("2026-01-01T00:00:00Z"))
        #expect(TimestampParser.parse("2026-01-01T00:00:00-0130") == TimestampParser.parse("2026-01-01T01:30:00Z"))
        #expect(TimestampParser.parse("2026-01-01 00:00:00Z") == TimestampParser.parse("2026-01-01T00:00:00Z"))
    }

    @Test(arguments: ["", "2026", "2026-13-01T00:00:00Z", "2026-01-01T25:00:00Z", "2026-01-01T00:00:00Zjunk",
                      "2026-01-01T00:00:00.Z", "yesterday at noon", "2026-01-01T00:00:00+"])
    func rejectsGarbage(_ text: String) {
        #expect(TimestampParser.parse(text) == nil)
    }

    @Test func civilTimeRoundTripsAcrossEras() {
        for seconds: Int64 in [-86_400 * 365 * 80, -1, 0, 951_782_400, 1_764_000_000, 4_102_444_800] {
            #expect(CivilTime(epochSeconds: seconds).epochSeconds == seconds)
        }
        #expect(EventTime(seconds: 951_782_400).iso8601 == "2000-02-29T00:00:00Z")
        #expect(EventTime(seconds: -1).iso8601 == "1969-12-31T23:59:59Z")
    }

    @Test func labelsRoundTrip() {
        for k in IdentityKind.allCases { #expect(IdentityKind(label: k.label) == k) }
        for f in SourceFormat.allCases { #expect(SourceFormat(label: f.label) == f) }
        #expect(Decision(label: "Forbid") == .deny)
        #expect(Decision(label: "maybe") == nil)
    }
}
