import Activity
import Events
import Foundation
import Ingest
import Testing
@testable import Reports

private func decodeAll(_ inputs: [(name: String, bytes: [UInt8])]) -> (ActivityAggregator, [SourceStatus], [NormalizedEvent]) {
    var activity = ActivityAggregator()
    var all: [NormalizedEvent] = []
    var statuses: [SourceStatus] = []
    for input in inputs {
        var decoder = SourceDecoder(sourceName: input.name)
        decoder.feed(input.bytes) { activity.ingest($0); all.append($0) }
        decoder.finish { activity.ingest($0); all.append($0) }
        statuses.append(decoder.status)
    }
    return (activity, statuses, all)
}

/// The shared corpus of real public samples, `<package root>/../shared/corpus`. Its tests are
/// disabled, visibly, when it is absent (IngestTests' `corpusPresentUnderCI` fails that under CI).
private enum Corpus {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus").standardizedFileURL
    static let isAvailable: Bool = {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }()
}

/// An independent count of the records in a corpus file, by Foundation's JSON parser:
/// an array's length, a `Records` array's length, or one object per non-empty line.
private func oracleCount(_ data: Data) -> Int {
    if let any = try? JSONSerialization.jsonObject(with: data) {
        if let array = any as? [Any] { return array.count }
        if let object = any as? [String: Any], let records = object["Records"] as? [Any] { return records.count }
        return 1
    }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.count
}

@Suite(.enabled(if: Corpus.isAvailable, "../shared/corpus not beside the clone"))
struct ReportCorpusTests {
    let corpus = Corpus.url

    /// Acceptance: `report --json` over each corpus file counts exactly its records, nothing malformed.
    @Test func everyCorpusFileCountsExactly() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: corpus.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".log") }.sorted()
        #expect(files.count == 26)
        // Counts the corpus README states outright.
        let stated = ["k8s-audit/demo.log": 37, "cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json": 103,
                      "cloudtrail/cloudtrail.json": 1, "cloudtrail/cloudtrail_singleline.json": 1,
                      "k8s-audit/create_configmap_sensitive_values.json": 6,
                      "opa-decision/management-decision-logs.md.example.json": 1]
        for file in stated.keys.sorted() where !files.contains(file) {
            Issue.record("corpus file missing: \(corpus.appendingPathComponent(file).path)")
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: corpus.appendingPathComponent(file).path) else {
                Issue.record("corpus file unreadable: \(file)")
                continue
            }
            let (activity, statuses, _) = decodeAll([(file, Array(data))])
            let json = try JSONSerialization.jsonObject(with: Data(Report(activity: activity, sources: statuses).json())) as! [String: Any]
            let expected = stated[file] ?? oracleCount(data)
            #expect(json["events"] as? Int == expected, "\(file)")
            #expect(json["malformed"] as? Int == 0, "\(file)")
            let identities = json["identities"] as! [[String: Any]]
            #expect(identities.reduce(0) { $0 + ($1["events"] as! Int) } == expected, "\(file)")
        }
    }

    @Test func stratusRoleSessionsFoldIntoTheirRole() throws {
        let data = try Data(contentsOf: corpus.appendingPathComponent("cloudtrail/aws.credential-access.ec2-steal-instance-credentials.json"))
        let (activity, statuses, events) = decodeAll([("steal", Array(data))])
        let report = Report(activity: activity, sources: statuses)
        let sessions = Set(events.filter { $0.identityKind == .awsRole }.map(\.actor))
        let roles = report.identities.filter { $0.row.kind == .awsRole }.map(\.row.identity)
        #expect(!roles.isEmpty)
        #expect(roles.allSatisfy { $0.contains(":role/") && !$0.contains("assumed-role") })
        #expect(sessions.count >= 1)
    }
}

@Suite struct ReportContractTests {
    static let lines = """
    {"ts":"2026-11-29T10:00:00Z","identity":"ci-bot","kind":"ci_job","action":"deploy","resource":"web","decision":"allow","source_ip":"10.0.0.1","credential":"tok-1"}
    {"ts":"2026-11-29T10:00:01Z","identity":"leaky","kind":"api_key","action":"iam:CreateAccessKey","resource":"user/x","decision":"allow","source_ip":"203.0.113.9","credential":"AKIA1"}
    {"ts":"2026-11-29T10:00:02Z","identity":"leaky","kind":"api_key","action":"s3:ListBuckets","decision":"deny","source_ip":"203.0.113.9","credential":"AKIA1"}
    {"ts":"2026-11-29T10:00:03Z","identity":"ci-bot","kind":"ci_job","action":"deploy","resource":"web","decision":"error"}
    not json at all
    {"ts":"2026-11-29T10:00:04Z","identity":"ci-bot","kind":"ci_job","action":"deploy","resource":"api","decision":"allow"}

    """

    @Test func jsonHasTheContractKeysInOrderAndRanksByRisk() throws {
        let (activity, statuses, _) = decodeAll([("a.jsonl", Array(Self.lines.utf8))])
        let bytes = Report(activity: activity, sources: statuses).json()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"events":5,"malformed":1,"ignored":0,"skipped":0,"sources":[{"path":"a.jsonl","format":"nhitop","events":5,"malformed":1"#))
        let json = try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
        let ids = json["identities"] as! [[String: Any]]
        #expect(ids.map { $0["identity"] as! String } == ["leaky", "ci-bot"])
        let leaky = ids[0]
        for key in ["identity", "kind", "format", "events", "denied", "errors", "first_seen", "last_seen", "credentials",
                    "source_ips", "top_actions", "risk", "reasons"] {
            #expect(leaky[key] != nil, "missing \(key)")
        }
        #expect(leaky["credentials"] as? [String] == ["AKIA1"])
        #expect(leaky["denied"] as? Int == 1)
        let reasons = leaky["reasons"] as! [[String: Any]]
        #expect(reasons.contains { ($0["signal"] as? String) == "credential_mint" && ($0["reason"] as? String)?.contains("iam:CreateAccessKey") == true && $0["last_seen"] != nil })
        #expect((ids[1]["errors"] as? Int) == 1)
    }

    @Test func topLimitsIdentitiesButNotTotals() throws {
        let (activity, statuses, _) = decodeAll([("a.jsonl", Array(Self.lines.utf8))])
        let json = try JSONSerialization.jsonObject(with: Data(Report(activity: activity, sources: statuses, top: 1).json())) as! [String: Any]
        #expect((json["identities"] as! [Any]).count == 1)
        #expect(json["events"] as? Int == 5)
    }

    @Test func textNeverCarriesControlCharacters() {
        let hostile = #"{"ts":"2026-11-29T10:00:00Z","identity":"evil\u001b[2J\u001b]0;pwned\u0007\nname","action":"x\u009b31m","decision":"deny"}"# + "\n"
        let (activity, statuses, _) = decodeAll([("h\u{1b}[31m.jsonl", Array(hostile.utf8))])
        let text = Report(activity: activity, sources: statuses).text()
        let controls = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) }
        #expect(controls.isEmpty)
        #expect(text.contains(#"evil\u{1B}[2J\u{1B}]0;pwned\u{7}\u{A}name"#), "shown as DisplaySafe spells them")
    }
}

@Suite struct EventExportTests {
    @Test func exportIsInTimeOrderAndReadsBackAsTheSameEvents() {
        let shuffled = """
        {"ts":"2026-11-29T10:00:05Z","identity":"a","kind":"ai_agent","action":"tool:x","decision":"deny","actor":"alice"}
        {"ts":"2026-11-29T10:00:01Z","identity":"a","kind":"ai_agent","action":"tool:y","resource":"r,1","decision":"allow"}
        {"ts":"2026-11-29T10:00:01Z","identity":"a","kind":"ai_agent","action":"tool:z","decision":"error"}

        """
        let (_, _, events) = decodeAll([("in", Array(shuffled.utf8))])
        let sorted = EventExport.sorted(events)
        #expect(sorted.map(\.action) == ["tool:y", "tool:z", "tool:x"])
        let exported = sorted.flatMap(EventExport.jsonLine)
        let (_, _, back) = decodeAll([("export", exported)])
        #expect(back.map(\.action) == sorted.map(\.action))
        #expect(back.map(\.decision) == sorted.map(\.decision))
        #expect(back.map(\.time) == sorted.map(\.time))
        #expect(back.map(\.resource) == sorted.map(\.resource))
        #expect(back.map(\.actor) == sorted.map(\.actor))
        #expect(back.allSatisfy { $0.identityKind == .aiAgent })
    }

    @Test func csvQuotesAndDefusesFormulas() {
        #expect(EventExport.csvField("plain") == "plain")
        #expect(EventExport.csvField("a,b") == "\"a,b\"")
        #expect(EventExport.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(EventExport.csvField("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(EventExport.csvField("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0")
        #expect(EventExport.csvField("@SUM(1)") == "'@SUM(1)")
        // A newline in a field is shown, not kept: one event is always one physical line.
        #expect(EventExport.csvField("two\nlines") == #"two\u{A}lines"#)
        let e = NormalizedEvent(time: EventTime(seconds: 0), identity: "id", identityKind: .apiKey, action: "act",
                                format: .nhitop, origin: EventOrigin(source: "s", line: 7))
        #expect(EventExport.csvLine(e) == "1970-01-01T00:00:00.000000Z,id,api_key,act,,unknown,,,,nhitop,s,7\r\n")
        #expect(EventExport.csvHeader.split(separator: ",").count == 12)
    }
}
