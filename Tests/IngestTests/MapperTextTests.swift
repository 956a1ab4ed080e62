import Events
import Testing
@testable import Ingest

/// The mappers write an event's action and resource straight from the tape's bytes. These
/// tests hold them to what the `String` code they replaced computed (restated here as the
/// reference), on random records whose fields are empty, missing, escaped, non-ASCII, or hold
/// the delimiters the mappers cut at, with combining marks beside them.
@Suite struct MapperTextTests {
    /// Values worth trying for a text field; nil leaves the key out.
    static let values: [String?] = [
        nil, "", "pods", "exec", "pay", "api-0", "/healthz", "/healthz?verbose=1", "?", "?x", "/a?b?c", "/a?\u{0301}b?c",
        "/a\u{0301}?b", "/p/\u{00e9}?q", "é", "naïve", "sp ace", "quo\"te", "back\\slash", "sl/ash", "日本", "😀?😀",
        "x\u{0600}?y", "/a?", "a.b", "\u{0301}", "tab\tbed", "line\nfeed",
    ]

    /// A JSON string literal for `s`, escaping some characters (randomly) that need no escape.
    static func literal(_ s: String, _ rng: inout SplitMix64) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "/" where rng.below(3) == 0: out += "\\/"
            default:
                if scalar.value < 0x10000, rng.below(5) == 0 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func field(_ key: String, _ value: String?, _ rng: inout SplitMix64) -> String? {
        value.map { "\"\(key)\":" + literal($0, &rng) }
    }

    @Test func kubernetesActionAndResourceMatchTheStringReference() throws {
        var rng = SplitMix64(seed: 29)
        for round in 0..<2000 {
            func pick() -> String? { Self.values[rng.below(Self.values.count)] }
            let verb = rng.below(6) == 0 ? nil : ["get", "create", "", "patch"][rng.below(4)]
            let (res, sub, ns, name, uri) = (pick(), pick(), pick(), pick(), pick())
            let hasRef = rng.below(5) != 0
            let ref = [Self.field("resource", res, &rng), Self.field("subresource", sub, &rng), Self.field("namespace", ns, &rng),
                       Self.field("name", name, &rng)].compactMap { $0 }.joined(separator: ",")
            let parts = [#""kind":"Event""#, #""apiVersion":"audit.k8s.io/v1""#, "\"auditID\":\"id-\(round)\"",
                         #""stage":"ResponseComplete""#, #""user":{"username":"u"}"#, #""stageTimestamp":"2026-11-29T14:00:00Z""#,
                         Self.field("verb", verb, &rng), hasRef ? "\"objectRef\":{\(ref)}" : nil, Self.field("requestURI", uri, &rng)]
            let record = "{" + parts.compactMap { $0 }.joined(separator: ",") + "}\n"
            let decoded = decode(record)
            let event = try #require(decoded.events.first, "\(record)")

            // The reference: the mapper's former `String` code.
            func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
            var action = nonEmpty(verb) ?? ""
            var resource = ""
            if hasRef, let res = nonEmpty(res) {
                var what = res
                if let sub = nonEmpty(sub) { what += "/" + sub }
                action += " " + what
                resource = [nonEmpty(ns), res, nonEmpty(name)].compactMap { $0 }.joined(separator: "/")
            } else {
                var path = nonEmpty(uri) ?? ""
                if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
                action += " " + path
                resource = path
            }
            #expect(Array(event.action.utf8) == Array(action.utf8), "\(record)")
            #expect(Array(event.resource.utf8) == Array(resource.utf8), "\(record)")
        }
    }

    @Test func cloudTrailActionAndSessionMatchTheStringReference() throws {
        var rng = SplitMix64(seed: 31)
        let sources: [String?] = [nil, "", "s3.amazonaws.com", "iam", ".", "a.b.c", "sts\u{0301}.amazonaws.com",
                                  "s3.\u{0301}x", "é.x", "x\u{0600}.y", "quo\"te.x"]
        let arns: [String?] = [nil, "", "arn:aws:sts::123456789012:assumed-role/Role/session-1", "no-slash", "a/", "/",
                               "a/b\u{0301}/c", "a/\u{0301}c", "r/é", "r/x\u{0600}", "r\\/s/t", "arn/s p a c e"]
        for round in 0..<1500 {
            func pick<T>(_ a: [T]) -> T { a[rng.below(a.count)] }
            let (source, name, arn) = (pick(sources), pick(Self.values), pick(arns))
            let issuer: String? = rng.below(2) == 0 ? nil : "arn:aws:iam::123456789012:role/Role"
            var ui = [#""type":"AssumedRole""#, Self.field("arn", arn, &rng)].compactMap { $0 }
            if let issuer { ui.append("\"sessionContext\":{\"sessionIssuer\":{\"arn\":\"\(issuer)\"}}") }
            let parts = [#""eventVersion":"1.09""#, "\"userIdentity\":{\(ui.joined(separator: ","))}",
                         #""eventTime":"2026-11-29T10:00:01Z""#, "\"eventID\":\"e-\(round)\"",
                         Self.field("eventSource", source, &rng) ?? #""eventSource":null"#, Self.field("eventName", name, &rng)]
            let record = "{" + parts.compactMap { $0 }.joined(separator: ",") + "}\n"
            let event = try #require(decode(record).events.first, "\(record)")

            func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
            var action = ""
            if let source = nonEmpty(source) { action = source.firstIndex(of: ".").map { String(source[..<$0]) } ?? source }
            action += ":" + (nonEmpty(name) ?? "")
            var actor = ""
            if let arn = nonEmpty(arn), let slash = arn.lastIndex(of: "/") { actor = String(arn[arn.index(after: slash)...]) }
            let identity = issuer ?? nonEmpty(arn).map { FormatMapper.roleARN(fromSessionARN: $0) ?? $0 } ?? "(no identity) cloudtrail"
            #expect(Array(event.action.utf8) == Array(action.utf8), "\(record)")
            #expect(Array(event.actor.utf8) == Array(actor.utf8), "\(record)")
            #expect(Array(event.identity.utf8) == Array(identity.utf8), "\(record)")
        }
    }
}
