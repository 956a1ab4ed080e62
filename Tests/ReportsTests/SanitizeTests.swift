import Activity
import Events
import Testing
@testable import Reports

/// Scalars that must never reach a terminal or a spreadsheet as themselves: controls
/// (C0, DEL, C1), format characters (bidi, zero-width, U+FEFF, U+2060–2064), line and
/// paragraph separators. Checked by general category, independently of `DisplaySafe`.
func rawUnsafeScalars(_ s: String) -> [Unicode.Scalar] {
    s.unicodeScalars.filter {
        switch $0.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate: true
        default: false
        }
    }
}

/// Every field of one event holds something a terminal or a spreadsheet would act on.
let hostileValues = ["\u{1b}]0;pwned\u{07}", "\u{1b}[2J\u{1b}[H", "user\u{202e}gnp.exe", "line\u{2028}break\u{2029}",
                     "\u{feff}bom", "=HYPERLINK(\"http://x\")\u{2061}", "\u{9b}31m", "new\nline\r\n", "-1+1\u{200b}"]

func hostileEvent(_ i: Int) -> NormalizedEvent {
    let v = { (k: Int) in hostileValues[(i + k) % hostileValues.count] }
    return NormalizedEvent(time: EventTime(microseconds: 1_700_000_000_000_000 + Int64(i)), identity: "id" + v(0),
                           identityKind: .service, action: v(1), resource: v(2), decision: .deny, sourceIP: v(3),
                           credentialID: v(4), format: .nhitop, origin: EventOrigin(source: "log" + v(5), line: 7),
                           actor: v(6))
}

@Suite struct SanitizeTests {
    @Test func csvExportCarriesNoRawControlOrFormatCharacters() {
        for i in 0..<hostileValues.count {
            let row = EventExport.csvLine(hostileEvent(i))
            #expect(row.hasSuffix("\r\n"))
            let body = String(row.dropLast(2))
            #expect(rawUnsafeScalars(body).isEmpty, "row \(i): \(body.debugDescription)")
            // One physical line per event, even with newlines in the data.
            #expect(!body.contains("\n") && !body.contains("\r"))
        }
    }

    @Test func csvStillDefusesFormulas() {
        let e = NormalizedEvent(time: EventTime(microseconds: 0), identity: "=cmd|' /C calc'!A0", identityKind: .service,
                                action: "+1", resource: "@SUM(A1)", sourceIP: "-2", credentialID: "\tx",
                                format: .nhitop, origin: EventOrigin(source: "s", line: 1))
        let fields = EventExport.csvLine(e).dropLast(2).split(separator: ",", omittingEmptySubsequences: false)
        // A leading tab is no longer a tab: it is shown as `\u{9}`, which no spreadsheet runs.
        #expect(fields[7] == #"\u{9}x"#)
        for f in fields[1...6] where f != "service" && f != "unknown" {
            let first = f.first == "\"" ? f.dropFirst().first : f.first
            #expect(first == "'", "field \(f) is not defused")
        }
    }

    @Test func textReportCarriesNoRawControlOrFormatCharacters() {
        var activity = ActivityAggregator()
        for i in 0..<hostileValues.count { activity.ingest(hostileEvent(i)) }
        let sources = [SourceStatus(name: "bad\u{1b}[5m\u{2028}name\u{feff}.log", message: "oops\u{2060}\u{2064}\u{202e}")]
        let text = Report(activity: activity, sources: sources).text()
        let unsafe = rawUnsafeScalars(text.replacingOccurrences(of: "\n", with: ""))
        #expect(unsafe.isEmpty, "\(unsafe.map { String($0.value, radix: 16) })")
        // The escapes are visible: an operator can tell an ESC was there.
        #expect(text.contains("\\u{1B}"))
    }

    @Test func configErrorsEchoNoRawControlCharacters() {
        let yaml = "\"x\\e]0;pwned\\a\\u202E\\u2028\\uFEFF\": 1\n"
        do {
            _ = try RiskConfig.parse(yaml: yaml, source: "risk\u{1b}[2J.yaml")
            Issue.record("a hostile unknown key was accepted")
        } catch {
            let line = String(describing: error)
            #expect(rawUnsafeScalars(line).isEmpty, "\(line.debugDescription)")
            #expect(line.contains("\\u{1B}]0;pwned\\u{7}"))
        }
    }
}
