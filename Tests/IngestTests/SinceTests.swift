import Events
import Testing
@testable import Ingest

@Suite struct SinceTests {
    let now = EventTime(seconds: 1_764_410_000)

    @Test func durationsCountBackFromNow() throws {
        #expect(try SinceParser.parse("90s", now: now) == now.adding(seconds: -90))
        #expect(try SinceParser.parse("15m", now: now) == now.adding(seconds: -900))
        #expect(try SinceParser.parse("1h30m", now: now) == now.adding(seconds: -5400))
        #expect(try SinceParser.parse("7d", now: now) == now.adding(seconds: -7 * 86_400))
        #expect(try SinceParser.parse("2026-11-29T10:00:00Z", now: now) == TimestampParser.parse("2026-11-29T10:00:00Z"))
    }

    @Test(arguments: ["", "h", "15", "15x", "-5m", "1.5h", "5m3", "99999999999999999999s", "yesterday"])
    func rejectsWhatIsNeitherDurationNorTime(_ text: String) {
        #expect(throws: SinceParser.Invalid.self) { try SinceParser.parse(text, now: self.now) }
    }

    @Test func decoderSkipsOlderEventsAndCountsThem() {
        var options = IngestOptions()
        options.since = TimestampParser.parse("2026-11-29T10:00:02Z")
        let text = (0..<5).map { #"{"ts":"2026-11-29T10:00:0\#($0)Z","identity":"a","action":"x"}"# }.joined(separator: "\n") + "\n"
        let (events, status) = decode(text, options: options)
        #expect(events.map { $0.time.seconds % 60 } == [2, 3, 4])
        #expect(status.events == 3)
        #expect(status.skipped == 2)
        #expect(status.malformed == 0)
    }
}
