import Activity
import Dashboard
import Events
import Foundation
import Ingest
import Testing
@testable import Reports

/// Log data is written by whoever controls the identity being watched. For every format,
/// records whose every string field carries escape sequences, bidi overrides, separators,
/// invalid UTF-8, megabyte strings, deep nesting, numbers and containers where strings
/// belong, duplicate keys and extreme times go through the real pipeline (SourceDecoder →
/// ActivityAggregator → text report, CSV, JSON, dashboard render). Nothing may crash,
/// nothing may reach a human-facing output raw, and what is kept stays bounded.
@Suite struct HostileInputTests {
    /// `S` marks a string field, `T` the record's time (as the format writes it).
    static let templates: [(format: String, template: String, time: String)] = [
        ("cloudtrail", #"{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":«S»,"arn":«S»,"accountId":«S»,"accessKeyId":«S»,"userName":«S»},"eventTime":«T»,"eventSource":"iam.amazonaws.com","eventName":«S»,"awsRegion":«S»,"sourceIPAddress":«S»,"userAgent":«S»,"errorCode":«S»,"errorMessage":«S»,"requestParameters":{"userName":«S»},"eventID":«S»}"#,
         #""2026-11-29T10:00:00Z""#),
        ("k8s_audit", #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":«S»,"stage":"ResponseComplete","requestURI":«S»,"verb":«S»,"user":{"username":«S»,"uid":«S»,"groups":[«S»,«S»]},"impersonatedUser":{"username":«S»},"sourceIPs":[«S»],"userAgent":«S»,"objectRef":{"resource":«S»,"namespace":«S»,"name":«S»,"apiVersion":"v1"},"responseStatus":{"metadata":{},"code":403,"reason":«S»},"requestReceivedTimestamp":«T»,"stageTimestamp":«T»}"#,
         #""2026-11-29T10:00:00.100000Z""#),
        ("opa", #"{"decision_id":«S»,"msg":"Decision Log","path":«S»,"input":{"subject":«S»,"action":«S»,"resource":«S»,"user":{"name":«S»}},"result":false,"timestamp":«T»,"labels":{"id":«S»,"version":«S»}}"#,
         #""2026-11-29T10:00:00.123456789Z""#),
        ("vault", #"{"time":«T»,"type":"response","auth":{"client_token":«S»,"accessor":«S»,"display_name":«S»,"policies":[«S»],"entity_id":«S»,"metadata":{"role_name":«S»}},"request":{"id":«S»,"operation":"read","path":«S»,"remote_address":«S»,"mount_type":«S»},"response":{"mount_type":«S»},"error":«S»}"#,
         #""2026-11-29T10:00:00.123456Z""#),
        ("github", #"{"@timestamp":«T»,"action":"repo.destroy","actor":«S»,"actor_id":1,"org":«S»,"repo":«S»,"user":«S»,"actor_ip":«S»,"_document_id":«S»,"programmatic_access_type":«S»,"hashed_token":«S»,"token_id":1,"business":«S»}"#,
         "1764410400000"),
        ("nhitop", #"{"ts":«T»,"identity":«S»,"kind":"service","action":«S»,"resource":«S»,"decision":"deny","source_ip":«S»,"credential":«S»,"actor":«S»}"#,
         #""2026-11-29T10:00:00Z""#),
    ]

    /// What replaces `«S»`, as JSON text (some of it deliberately not valid JSON).
    static let values: [String] = [
        #""benign-\#(UUID().uuidString.prefix(4))""#,
        #""\u001b]0;pwned\u0007\u001b[2J\u001b[H\u202eexe.gnp\u2028\u2029\ufeff\u2060\u2061\u2064\u200f\u061c\u0085\u009b31m\u0000x""#,
        "\"raw\u{1b}[31m\u{202e}\u{2066}\u{7f}\u{8}\u{7}\r\u{feff}ctl\"",
        #""\ud800lone\udfff surrogates \ud83d""#,
        #""kind-of-\"quoted\" \\ back""#,
        "12345", "-1e308", "1e999", "-9223372036854775809", "18446744073709551616", "true", "null",
        #"[1,"\u001b[2J",{"a":"\u202e"}]"#, #"{"name":"\u001b[2J","id":"\u202e"}"#,
    ]

    static let times: [String] = [
        "-9223372036854775", "-9223372036854775808", "9223372036854775807", "1e300", "-1", "0",
        #""99999-12-31T23:59:59Z""#, #""-0001-01-01T00:00:00Z""#, #""2026-11-29T10:00:00.99999999999999999999Z""#,
        #""2026-13-45T99:99:99Z""#, #""\u001b[2J""#, "[]", "{}", "null",
    ]

    /// Every record for one format, one per line.
    static func records(_ template: String, time: String) -> [[UInt8]] {
        func fill(_ s: String, _ t: String) -> [UInt8] {
            Array(template.replacingOccurrences(of: "«T»", with: t).replacingOccurrences(of: "«S»", with: s).utf8)
        }
        var out: [[UInt8]] = []
        for v in values { out.append(fill(v, time)) }
        for t in times { out.append(fill(values[1], t)) }
        // Duplicate keys: the benign value first, the hostile one second, and the reverse.
        let dup = template.replacingOccurrences(of: #""(\w+)":«S»"#, with: #""$1":"first","$1":«S»"#,
                                                options: .regularExpression)
        for v in [values[1], values[2], "12345"] {
            out.append(Array(dup.replacingOccurrences(of: "«T»", with: time).replacingOccurrences(of: "«S»", with: v).utf8))
        }
        // A megabyte string: over maxRecordBytes (1 MiB) it is malformed; under it, kept but cut in every output.
        let huge = "\"" + String(repeating: "\\u001b[2J\\u202e", count: 100_000) + "\""  // 1.7 MB of JSON
        let large = "\"" + String(repeating: "A\\u001b", count: 6_000) + "\""          // 42 KB a field
        out.append(fill(huge, time))
        out.append(fill(large, time))
        // Deep nesting where a string belongs.
        // Deep nesting where a string belongs, small enough to be parsed (and refused by depth).
        out.append(fill(String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000), time))
        out.append(fill(String(repeating: #"{"a":"#, count: 8_000) + "1" + String(repeating: "}", count: 8_000), time))
        // Invalid UTF-8 inside a string.
        var bad = fill(#""inv-XX-alid""#, time)
        if let i = bad.firstIndex(of: UInt8(ascii: "X")) { bad[i] = 0xFF; bad[i + 1] = 0xC0 }
        out.append(bad)
        return out
    }

    static func unsafeScalars(_ s: String) -> [Unicode.Scalar] {
        s.unicodeScalars.filter {
            switch $0.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate: true
            default: false
            }
        }
    }

    @Test(arguments: templates.map(\.format))
    func everyOutputStaysSafeAndBounded(format: String) throws {
        let entry = try #require(Self.templates.first { $0.format == format })
        let records = Self.records(entry.template, time: entry.time)
        let options = IngestOptions()
        var decoder = SourceDecoder(sourceName: "hostile-\(format).log", options: options)
        var activity = ActivityAggregator()
        var events: [NormalizedEvent] = []
        var stream: [UInt8] = []
        for r in records { stream += r; stream.append(UInt8(ascii: "\n")) }
        // Fed in uneven chunks, as a file being followed is read.
        var i = 0
        var chunk = 1
        while i < stream.count {
            let end = min(stream.count, i + chunk)
            decoder.feed(Array(stream[i..<end])) { activity.ingest($0); events.append($0) }
            i = end
            chunk = chunk * 3 % 65_537 + 1
        }
        decoder.finish { activity.ingest($0); events.append($0) }
        let status = decoder.status

        // The benign record is read as its format: the templates are real shapes.
        #expect(events.contains { $0.origin.line == 1 }, "\(format): the benign record was not recognised (\(status))")
        #expect(status.events + status.malformed + status.ignored <= records.count + 1)
        // Nothing kept is larger than a record may be.
        for e in events {
            for field in [e.identity, e.action, e.resource, e.sourceIP, e.credentialID, e.actor] {
                #expect(field.utf8.count <= options.maxRecordBytes)
            }
        }
        // Bounded memory per identity, whatever the stream held.
        let limits = ActivityLimits()
        #expect(activity.identityCount <= Set(events.map(\.identity)).count)
        let snapshot = activity.snapshot(detailFor: events.first?.identity, feedLimit: 400)
        for row in snapshot.identities.prefix(8) {
            let d = try #require(activity.detail(for: row.identity))
            #expect(d.credentials.count <= limits.credentialsPerIdentity)
            #expect(d.recent.count <= limits.recentPerIdentity)
            #expect(d.sourceIPs.count <= limits.distinctPerIdentity)
        }

        // Text report.
        let sources = [status]
        let report = Report(activity: activity, sources: sources)
        let text = report.text()
        #expect(Self.unsafeScalars(text.replacingOccurrences(of: "\n", with: "")).isEmpty, "\(format) report")
        // JSON stays exact and parseable: escapes, never raw controls.
        let json = report.json()
        #expect(!json.contains { $0 < 0x20 && $0 != 0x0A })
        #expect((try? JSONSerialization.jsonObject(with: Data(json))) != nil, "\(format): report --json is not JSON")
        // CSV: one physical line per event, no raw control or format character.
        for e in EventExport.sorted(events) {
            let row = EventExport.csvLine(e)
            let body = row.dropLast(2)
            #expect(row.hasSuffix("\r\n") && !body.contains("\n") && !body.contains("\r"))
            #expect(Self.unsafeScalars(String(body)).isEmpty, "\(format) csv")
            let line = EventExport.jsonLine(e)
            #expect(line.last == UInt8(ascii: "\n") && !line.dropLast().contains { $0 < 0x20 })
        }

        // The dashboard, with each of the first identities selected (its detail pane shown).
        for identity in [nil] + snapshot.identities.prefix(6).map(\.identity) {
            for (w, h) in [(120, 40), (80, 24), (200, 50)] {
                var state = AppState(width: w, height: h)
                state.selectedIdentity = identity
                var snap = activity.snapshot(detailFor: identity, feedLimit: 400)
                if let identity { snap.detail = activity.detail(for: identity) }
                let buffer = renderDashboard(snapshot: snap, sources: sources, state: state, width: w, height: h,
                                             options: RenderOptions())
                for cell in buffer.cells {
                    #expect(!DisplaySafe.isUnsafe(cell.scalar), "\(format): U+\(String(cell.scalar.value, radix: 16)) drawn")
                }
                for line in buffer.textDump().split(separator: "\n", omittingEmptySubsequences: false) {
                    #expect(DisplayWidth.of(String(line)) == w)
                }
            }
        }
    }

    @Test func oneHugeRecordIsMalformedNotBuffered() {
        var options = IngestOptions()
        options.maxRecordBytes = 64 * 1024
        var decoder = SourceDecoder(sourceName: "huge.log", options: options)
        let big = #"{"ts":"2026-11-29T10:00:00Z","identity":""# + String(repeating: "\\u001b", count: 200_000)
            + #"","kind":"service","action":"x"}"# + "\n"
            + #"{"ts":"2026-11-29T10:00:01Z","identity":"after","kind":"service","action":"x"}"# + "\n"
        var events: [NormalizedEvent] = []
        decoder.feed(Array(big.utf8)) { events.append($0) }
        decoder.finish { events.append($0) }
        #expect(decoder.status.malformed == 1)
        #expect(events.map(\.identity) == ["after"])
    }
}
