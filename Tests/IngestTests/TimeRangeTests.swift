import Events
import Testing
@testable import Ingest

private func at(_ iso: String) -> EventTime { TimestampParser.parse(iso)! }

/// A native nhitop event for `identity` at `iso`.
private func native(_ iso: String, _ identity: String = "svc-a") -> String {
    line(#"{"ts":"\#(iso)","identity":"\#(identity)","action":"read"}"#)
}

/// Times outside `EventTime.saneRange` are malformed, however a format spells them, and
/// never reach arithmetic (issue 8, "Traps on input").
@Suite("Event time range at ingest")
struct TimeRangeTests {
    @Test func gitHubExtremeEpochIsMalformed() {
        // Before: an event dated 290,000 years BC (or, past Int64, `ms * 1000` wrapped), whose
        // distance to any real time overflowed the detector's `t - lastSeen`.
        for ts in ["-9223372036854775", "9223372036854775807", "-9223372036854775808", "0", "\"9223372036854775807\""] {
            let r = decode(line(#"{"action":"git.clone","actor":"mallory","@timestamp":\#(ts)}"#))
            #expect(r.events.isEmpty, "@timestamp \(ts) became an event at \(r.events.first?.time.description ?? "")")
            #expect(r.status.malformed == 1, "@timestamp \(ts)")
        }
        let fine = decode(line(#"{"action":"git.clone","actor":"mallory","@timestamp":1764424800000}"#))
        #expect(fine.events.first?.time == at("2025-11-29T14:00:00Z"))
    }

    /// A mapping with an explicit epoch unit: near the limits of Int64 it must not trap.
    static let mappingYAML = """
        formats:
          - name: gw
            detect: {equals: {svc: gw}}
            fields:
              time: t
              time_unit: UNIT
              identity: who
              action: op
        """

    func mapped(_ t: String, unit: String) throws -> (events: [NormalizedEvent], status: SourceStatus) {
        let yaml = Self.mappingYAML.replacingOccurrences(of: "UNIT", with: unit)
        let options = IngestOptions(mappings: try FormatMapping.parse(yaml: yaml, source: "mapping.yaml"))
        return decode(line(#"{"svc":"gw","t":\#(t),"who":"x","op":"y"}"#), options: options)
    }

    @Test(arguments: [
        ("9223372036854.999999", "s"), ("-9223372036854.999999", "s"), ("9223372036854775.808", "ms"),
        ("-9223372036854775.808", "ms"), ("9223372036854775807", "us"), ("9223372036854775807", "ns"),
        ("0", "s"), ("99999999999", "s"), ("\"9223372036854.999999\"", "s"), ("-1", "auto"),
    ])
    func mappingEpochExtremesAreMalformed(value: String, unit: String) throws {
        let r = try mapped(value, unit: unit)
        #expect(r.events.isEmpty, "\(value) \(unit) became \(r.events.first?.time.description ?? "")")
        #expect(r.status.malformed == 1)
    }

    @Test func mappingEpochInRangeStillMaps() throws {
        #expect(try mapped("1795000000.5", unit: "s").events.first?.time == EventTime(microseconds: 1_795_000_000_500_000))
        #expect(try mapped("1795000000500", unit: "ms").events.first?.time == EventTime(microseconds: 1_795_000_000_500_000))
    }

    @Test func textTimesOutsideTheRangeAreMalformedInEveryFormat() {
        let records = [
            native("0001-01-01T00:00:00Z"),
            native("9999-12-31T23:59:59Z"),
            native("1970-01-01T00:00:00Z"),
            line(#"{"eventVersion":"1.08","eventSource":"iam.amazonaws.com","eventName":"ListUsers","eventTime":"2999-01-01T00:00:00Z","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"}}"#),
            line(#"{"action":"repo.create","actor":"a","created_at":"1900-01-01T00:00:00Z"}"#),
        ]
        for record in records {
            let r = decode(record)
            #expect(r.events.isEmpty && r.status.malformed == 1, "\(record)")
        }
        #expect(decode(native("1990-01-01T00:00:00Z")).events.count == 1)
        #expect(decode(native("2199-12-31T23:59:59Z")).events.count == 1)
    }
}

/// One far-future record must not pin the event clock: Ingest flags it (and counts it)
/// but still emits it (issue 8, "A far-future record blinds the dashboard").
@Suite("Clock-skewed records at ingest")
struct ClockSkewIngestTests {
    @Test func oneFarFutureRecordInAStreamIsFlaggedAndStillEmitted() {
        let text = native("2026-11-29T14:00:00Z") + native("2026-11-29T14:00:30Z")
            + native("2027-11-29T14:00:00Z", "mallory") + native("2026-11-29T14:01:00Z") + native("2026-11-29T14:01:30Z")
        let r = decode(text)
        #expect(r.events.count == 5)
        #expect(r.events.map(\.clockSkewed) == [false, false, true, false, false])
        #expect(r.events[2].identity == "mallory" && r.events[2].time == at("2027-11-29T14:00:00Z"))
        #expect(r.status.clockSkewed == 1)
        #expect(r.status.events == 5 && r.status.malformed == 0)
    }

    @Test func withinTheToleranceNothingIsFlagged() {
        let text = native("2026-11-29T14:00:00Z") + native("2026-11-30T13:59:59Z") + native("2026-11-29T14:00:01Z")
        let r = decode(text)
        #expect(r.status.clockSkewed == 0)
        #expect(r.events.allSatisfy { !$0.clockSkewed })
    }

    /// A log that really resumes after days: the first records of the new time are flagged
    /// until `clockSkewConfirmRecords` in a row agree, then the stream's time moves on.
    @Test func aStreamThatResumesDaysLaterIsAcceptedOnceConfirmed() {
        var text = native("2026-11-20T10:00:00Z")
        for s in 0..<5 { text += native("2026-11-29T14:00:0\(s)Z") }
        let r = decode(text)
        #expect(IngestOptions().clockSkewConfirmRecords == 3)
        #expect(r.events.map(\.clockSkewed) == [false, true, true, false, false, false])
        #expect(r.status.clockSkewed == 2)
    }

    /// Future records that disagree with each other (a week, then a year ahead) do not confirm a jump.
    @Test func disagreeingFutureRecordsDoNotConfirmEachOther() {
        let text = native("2026-11-29T14:00:00Z") + native("2026-12-06T14:00:00Z") + native("2027-11-29T14:00:00Z")
            + native("2026-12-06T14:00:00Z") + native("2026-11-29T14:00:10Z")
        let r = decode(text)
        #expect(r.events.map(\.clockSkewed) == [false, true, true, true, false])
    }

    /// Following live, the wall clock is the reference: even a stream's first record is
    /// flagged when it is dated more than the tolerance ahead of now. `report` has no wall clock.
    @Test func liveFollowingFlagsRecordsAheadOfTheWallClock() {
        let now = at("2026-11-29T14:00:00Z")
        var live = IngestOptions()
        live.wallClock = { now }
        let text = native("2026-12-01T00:00:00Z") + native("2026-11-29T13:59:00Z") + native("2026-11-30T13:00:00Z")
        let r = decode(text, options: live)
        #expect(r.events.map(\.clockSkewed) == [true, false, false])
        #expect(r.status.clockSkewed == 1)
        #expect(decode(text).status.clockSkewed == 0, "without a wall clock the first record sets the stream's time")
    }

    @Test func toleranceIsAnOption() {
        var tight = IngestOptions()
        tight.clockSkewToleranceSeconds = 60
        let text = native("2026-11-29T14:00:00Z") + native("2026-11-29T14:05:00Z") + native("2026-11-29T14:00:30Z")
        #expect(decode(text, options: tight).events.map(\.clockSkewed) == [false, true, false])
        #expect(IngestOptions().clockSkewToleranceSeconds == 86_400)
    }
}
