import Events
import Foundation
@testable import Ingest
import Testing

/// A line of demo output as the detection rules in formats.md §2 read it.
private struct ReadLine {
    var format: String
    var time: Int64
    var identity: String
    var deny: Bool
    /// The one line per action that counts (k8s ResponseComplete, the Vault response).
    var counted: Bool
}

private func read(_ obj: [String: Any]) -> ReadLine? {
    func str(_ v: Any?) -> String? { v as? String }
    func time(_ v: Any?) -> Int64? { (v as? String).flatMap(TimestampParser.parse)?.microseconds }
    if obj["eventVersion"] != nil, obj["eventSource"] != nil, let ui = obj["userIdentity"] as? [String: Any] {
        let issuer = ((ui["sessionContext"] as? [String: Any])?["sessionIssuer"] as? [String: Any])?["arn"]
        let id = str(ui["type"]) == "AssumedRole" ? str(issuer) : (str(ui["arn"]) ?? str(ui["invokedBy"]))
        let code = str(obj["errorCode"]) ?? ""
        guard let t = time(obj["eventTime"]), let id else { return nil }
        return ReadLine(format: "cloudtrail", time: t, identity: id,
                        deny: ["AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation"].contains(code), counted: true)
    }
    if str(obj["kind"]) == "Event", str(obj["apiVersion"])?.hasPrefix("audit.k8s.io/") == true {
        let decision = (obj["annotations"] as? [String: Any])?["authorization.k8s.io/decision"]
        guard let t = time(obj["stageTimestamp"]), let id = str((obj["user"] as? [String: Any])?["username"]),
              obj["auditID"] != nil, obj["verb"] != nil, time(obj["requestReceivedTimestamp"]) != nil else { return nil }
        return ReadLine(format: "k8s_audit", time: t, identity: id, deny: str(decision) == "forbid",
                        counted: str(obj["stage"]) == "ResponseComplete")
    }
    if let type = str(obj["type"]), ["request", "response"].contains(type),
       let req = obj["request"] as? [String: Any], req["path"] != nil, req["id"] != nil {
        guard let t = time(obj["time"]), let id = str((obj["auth"] as? [String: Any])?["display_name"]) else { return nil }
        return ReadLine(format: "vault", time: t, identity: id, deny: str(obj["error"])?.contains("permission denied") == true,
                        counted: type == "response")
    }
    if obj["decision_id"] != nil, str(obj["msg"]) == "Decision Log" {
        guard let t = time(obj["timestamp"]), let id = str((obj["input"] as? [String: Any])?["subject"]) else { return nil }
        let result = obj["result"]
        let allow = (result as? Bool) ?? ((result as? [String: Any])?["allow"] as? Bool) ?? false
        return ReadLine(format: "opa", time: t, identity: id, deny: !allow, counted: true)
    }
    if let action = str(obj["action"]), action.contains("."), let actor = str(obj["actor"]), obj["eventSource"] == nil,
       let ms = obj["@timestamp"] as? Int64 ?? (obj["@timestamp"] as? Int).map(Int64.init) {
        return ReadLine(format: "github", time: ms * 1000, identity: actor,
                        deny: action == "api.request" && (obj["status_code"] as? Int) == 403, counted: true)
    }
    if let t = time(obj["ts"]), let id = str(obj["identity"]), obj["kind"] != nil, let d = str(obj["decision"]),
       obj["action"] != nil, obj["source_ip"] != nil, obj["credential"] != nil {
        return ReadLine(format: "nhitop", time: t, identity: id, deny: d == "deny", counted: true)
    }
    return nil
}

private func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map { $0 }
}

private func readAll(_ bytes: [UInt8]) throws -> [ReadLine] {
    #expect(bytes.last == UInt8(ascii: "\n"))
    return try lines(bytes).map { line in
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        return try #require(read(obj), "unrecognised line: \(String(decoding: line, as: UTF8.self))")
    }
}

private let t0 = EventTime(seconds: CivilTime(year: 2026, month: 11, day: 29, hour: 14, minute: 0).epochSeconds)

/// One hour of default demo traffic, shared by the tests that need it.
private let hour: (bytes: [UInt8], incidents: [DemoIncident]) = {
    var demo = DemoTraffic(seed: 42, start: t0)
    var out: [UInt8] = []
    demo.generate(until: t0.adding(seconds: 3600), into: &out)
    return (out, demo.incidents)
}()

private let hourLines: [ReadLine] = (try? readAll(hour.bytes)) ?? []

@Suite struct DemoTrafficTests {
    @Test func sameSeedSameBytes() {
        func run(_ seed: UInt64) -> [UInt8] {
            var demo = DemoTraffic(seed: seed, start: t0)
            var out: [UInt8] = []
            demo.generate(until: t0.adding(seconds: 600), into: &out)
            return out
        }
        let a = run(7)
        #expect(a == run(7))
        #expect(a != run(8))
        #expect(a.count > 100_000)
    }

    @Test func everyLineIsOneValidObjectInTimeOrder() throws {
        let parsed = try readAll(hour.bytes)
        #expect(parsed.count == lines(hour.bytes).count)
        #expect(parsed.count > 10_000)
        for (a, b) in zip(parsed, parsed.dropFirst()) { #expect(a.time <= b.time) }
        #expect(parsed.first!.time >= t0.microseconds)
        #expect(parsed.last!.time <= t0.adding(seconds: 3600).microseconds)
        // No raw control byte survives inside a line.
        #expect(!hour.bytes.contains(where: { $0 < 0x20 && $0 != 0x0A }))
    }

    @Test func allSixFormatsWithinAnHour() {
        let formats = Set(hourLines.map(\.format))
        #expect(formats == ["cloudtrail", "k8s_audit", "vault", "opa", "github", "nhitop"])
    }

    @Test func dozensOfIdentitiesInTenMinutes() throws {
        var demo = DemoTraffic(seed: 3, start: t0)
        var out: [UInt8] = []
        demo.generate(until: t0.adding(seconds: 600), into: &out)
        let ids = Set(try readAll(out).map(\.identity))
        #expect(ids.count >= 30, "only \(ids.count) identities")
    }

    @Test func incidentsSoonAndOnSchedule() throws {
        var demo = DemoTraffic(seed: 5, start: t0)
        var out: [UInt8] = []
        demo.generate(until: t0.adding(seconds: 30), into: &out)
        let first = try #require(demo.incidents.first)
        #expect(first.start <= t0.adding(seconds: 30))
        #expect(first.start >= t0)

        let incidents = hour.incidents
        #expect(incidents.count == 20)
        for (i, incident) in incidents.enumerated() {
            #expect(incident.start.microseconds - t0.microseconds - 12_000_000 - Int64(i) * 180_000_000 < 1_000_000)
            #expect(incident.end > incident.start)
            let minutes = Double(incident.end.microseconds - incident.start.microseconds) / 60e6
            #expect(minutes > 0.75 && minutes < 2.5, "\(incident.kind) lasts \(minutes) min")
        }
        #expect(Set(incidents.map(\.kind)) == Set(DemoTraffic.incidentKinds))
        // Every incident identity also acts in the background.
        let background = Set(hourLines.map(\.identity))
        for incident in incidents { #expect(background.contains(incident.identity), "\(incident.identity)") }

        var fast = DemoTraffic(seed: 5, start: t0, incidentEvery: 60)
        out = []
        fast.generate(until: t0.adding(seconds: 600), into: &out)
        #expect(fast.incidents.count == 10)
        var none = DemoTraffic(seed: 5, start: t0, incidentEvery: 0)
        none.generate(until: t0.adding(seconds: 600), into: &out)
        #expect(none.incidents.isEmpty)
    }

    @Test func deniesConcentrateInIncidents() {
        let counted = hourLines.filter(\.counted)
        func inWindow(_ l: ReadLine) -> DemoIncident? {
            hour.incidents.first { $0.start.microseconds <= l.time && l.time <= $0.end.microseconds + 1_000_000 }
        }
        var during = (n: 0, deny: 0), outside = (n: 0, deny: 0), actor = (n: 0, deny: 0)
        for l in counted {
            if let incident = inWindow(l) {
                during.n += 1; during.deny += l.deny ? 1 : 0
                if l.identity == incident.identity { actor.n += 1; actor.deny += l.deny ? 1 : 0 }
            } else {
                outside.n += 1; outside.deny += l.deny ? 1 : 0
            }
        }
        let rateDuring = Double(during.deny) / Double(during.n)
        let rateOutside = Double(outside.deny) / Double(max(outside.n, 1))
        let rateActor = Double(actor.deny) / Double(actor.n)
        print("demo deny rate: background \(rateOutside), incident windows \(rateDuring), incident identity \(rateActor)")
        #expect(outside.deny > 0, "background should have rare benign denies")
        #expect(rateDuring > 4 * rateOutside)
        #expect(rateActor > 0.2)
    }

    @Test func manySmallStepsEqualOneBigStep() {
        var big = DemoTraffic(seed: 9, start: t0, incidentEvery: 60)
        var bigOut: [UInt8] = []
        big.backfill(seconds: 120, into: &bigOut)
        big.generate(until: t0.adding(seconds: 400), into: &bigOut)

        var small = DemoTraffic(seed: 9, start: t0, incidentEvery: 60)
        var smallOut: [UInt8] = []
        small.backfill(seconds: 120, into: &smallOut)
        var rng = DemoRandom(seed: 1)
        var t = t0.microseconds
        while t < t0.adding(seconds: 400).microseconds {
            t = min(t + Int64(rng.below(700_000)), t0.adding(seconds: 400).microseconds)
            small.generate(until: EventTime(microseconds: t), into: &smallOut)
            small.generate(until: EventTime(microseconds: t), into: &smallOut)  // idempotent at the same instant
        }
        #expect(smallOut == bigOut)
        #expect(small.incidents == big.incidents)
        #expect(small.linesWritten == big.linesWritten)
    }

    @Test func backfillPopulatesThePast() throws {
        var demo = DemoTraffic(seed: 11, start: t0)
        var out: [UInt8] = []
        demo.backfill(seconds: 300, into: &out)
        let past = try readAll(out)
        #expect(past.count > 3000)
        #expect(past.first!.time >= t0.adding(seconds: -300).microseconds)
        #expect(past.last!.time <= t0.microseconds)
        #expect(demo.incidents.count == 1)  // the one at start + 12 s - 180 s
        let n = out.count
        demo.backfill(seconds: 300, into: &out)  // only once
        #expect(out.count == n)
        demo.generate(until: t0.adding(seconds: 60), into: &out)
        let all = try readAll(out)
        for (a, b) in zip(all, all.dropFirst()) { #expect(a.time <= b.time) }
        #expect(demo.incidents.count == 2)
    }

    @Test func hostileStringsRoundTrip() throws {
        let hostile = "q\"uote \\ back\nnew\tline\r\u{1B}[31mESC\u{7}\u{0}\u{7F} ünïcödé 🚀"
        let bytes = JSONWriter.line { w in
            w.field(hostile, hostile)
            w.field("n", -42)
            w.field("b", false)
            w.nullField("z")
            w.field("a", strings: [hostile, ""])
            w.object("o") { o in o.object("empty") { _ in } }
        }
        #expect(bytes.last == 0x0A)
        #expect(!bytes.dropLast().contains(where: { $0 < 0x20 || $0 == 0x7F }))
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(obj[hostile] as? String == hostile)
        #expect(obj["n"] as? Int == -42)
        #expect(obj["b"] as? Bool == false)
        #expect(obj["z"] is NSNull)
        #expect(obj["a"] as? [String] == [hostile, ""])
        #expect((obj["o"] as? [String: Any])?["empty"] is [String: Any])
    }

    @Test func vaultDenialUsesTheMultierrorText() {
        let text = String(decoding: hour.bytes, as: UTF8.self)
        #expect(text.contains(#""error":"1 error occurred:\n\t* permission denied\n\n""#))
        #expect(text.contains(#""error":"permission denied""#))
    }

    @Test func rates() {
        let perHour = hour.bytes.count
        let count = hourLines.count
        var byFormat: [String: Int] = [:]
        for l in hourLines { byFormat[l.format, default: 0] += 1 }
        print("demo per hour: \(count) lines, \(perHour) bytes (\(perHour / 3600) B/s, \(Double(count) / 3600) lines/s); counted events \(hourLines.filter(\.counted).count); by format \(byFormat.sorted { $0.key < $1.key })")
        #expect(Double(count) / 3600 > 3 && Double(count) / 3600 < 40)
        var demo = DemoTraffic(seed: 1, start: t0)
        var out: [UInt8] = []
        let elapsed = ContinuousClock().measure { demo.generate(until: t0.adding(seconds: 600), into: &out) }
        print("demo generation: 10 min of traffic (\(demo.linesWritten) lines) in \(elapsed)")
    }
}
