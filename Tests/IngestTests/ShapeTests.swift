import Events
import Testing
@testable import Ingest

let ct1 = #"{"eventVersion":"1.08","eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey","eventTime":"2026-11-29T14:00:00Z","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/ci","accessKeyId":"AKIA1"},"requestParameters":{"userName":"ci"},"sourceIPAddress":"10.0.0.1"}"#
let ct2 = #"{"eventVersion":"1.08","eventSource":"s3.amazonaws.com","eventName":"GetObject","eventTime":"2026-11-29T14:00:01Z","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/deploy/i-0abc","sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::1:role/deploy"}}},"resources":[{"ARN":"arn:aws:s3:::bucket/key"}],"errorCode":"AccessDenied"}"#
let ct3 = #"{"eventVersion":"1.08","eventSource":"sts.amazonaws.com","eventName":"AssumeRole","eventTime":"2026-11-29T14:00:02Z","userIdentity":{"type":"AWSService","invokedBy":"ec2.amazonaws.com"},"requestParameters":{"roleArn":"arn:aws:iam::1:role/x"}}"#

/// Pretty-prints compact JSON roughly the way `jq .` does (nested objects indented).
func pretty(_ compact: String, indent base: String = "") -> String {
    var out = ""
    var level = 0
    var inString = false
    var escape = false
    func newline() { out += "\n" + base + String(repeating: "  ", count: level) }
    for ch in compact {
        if inString {
            out.append(ch)
            if escape { escape = false } else if ch == "\\" { escape = true } else if ch == "\"" { inString = false }
            continue
        }
        switch ch {
        case "\"": inString = true; out.append(ch)
        case "{", "[": out.append(ch); level += 1; newline()
        case "}", "]": level -= 1; newline(); out.append(ch)
        case ",": out.append(ch); newline()
        case ":": out += ": "
        default: out.append(ch)
        }
    }
    return out
}

@Suite("Shapes")
struct ShapeTests {
    let expected = [
        ("arn:aws:iam::1:user/ci", "iam:CreateAccessKey", Decision.allow),
        ("arn:aws:iam::1:role/deploy", "s3:GetObject", Decision.deny),
        ("ec2.amazonaws.com", "sts:AssumeRole", Decision.allow),
    ]

    func expectThree(_ input: String, lines: [Int64], _ note: Comment) {
        let whole = decode(input)
        #expect(whole.events.map(\.identity) == expected.map(\.0), note)
        #expect(whole.events.map(\.action) == expected.map(\.1), note)
        #expect(whole.events.map(\.decision) == expected.map(\.2), note)
        #expect(whole.events.map(\.origin.line) == lines, note)
        #expect(whole.status.malformed == 0 && whole.status.ignored == 0, note)
        let bytewise = decode(input, chunk: 1)
        #expect(bytewise.events == whole.events, note)
        #expect(bytewise.status == whole.status, note)
        for size in [2, 3, 7, 64] {
            #expect(decode(input, chunk: size).events == whole.events, note)
        }
    }

    @Test func jsonLines() {
        expectThree([ct1, ct2, ct3].joined(separator: "\n") + "\n", lines: [1, 2, 3], "JSON lines")
        expectThree("\n" + [ct1, ct2, ct3].joined(separator: "\r\n\n"), lines: [2, 4, 6], "blank lines, CRLF, no final newline")
    }

    @Test func recordsWrapper() {
        expectThree(#"{"Records":["# + [ct1, ct2, ct3].joined(separator: ",") + "]}", lines: [1, 1, 1], "single line")
        expectThree(#"{"Records": [ "# + [ct1, ct2, ct3].joined(separator: ",\n") + "\n]}\n", lines: [1, 2, 3], "one per line")
        let p = pretty(#"{"Records":["# + [ct1, ct2, ct3].joined(separator: ",") + "]}")
        let firstLines = p.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.hasPrefix("    {") }.map { Int64($0.offset + 1) }
        expectThree(p, lines: firstLines, "pretty")
        // `Records` not the first key: exploded after parsing the whole object.
        expectThree(#"{"Version":1,"Records":["# + [ct1, ct2, ct3].joined(separator: ",") + "]}", lines: [1, 1, 1], "late Records key")
        // Two delivery documents back to back.
        let two = decode(#"{"Records":["# + ct1 + "]}\n" + #"{"Records":["# + ct2 + "," + ct3 + "]}")
        #expect(two.events.count == 3 && two.status.malformed == 0)
    }

    @Test func topLevelArray() {
        expectThree("[" + [ct1, ct2, ct3].joined(separator: ",") + "]", lines: [1, 1, 1], "compact array")
        expectThree("[\n" + [ct1, ct2, ct3].joined(separator: ",\n") + "\n]\n", lines: [2, 3, 4], "array, one per line")
        let p = pretty("[" + [ct1, ct2, ct3].joined(separator: ",") + "]")
        let starts = p.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element == "  {" }.map { Int64($0.offset + 1) }
        expectThree(p, lines: starts, "pretty array")
    }

    @Test func concatenatedPrettyObjects() {
        let docs = [ct1, ct2, ct3].map { pretty($0) }
        let text = docs.joined(separator: "\n") + "\n"
        var starts: [Int64] = []
        var lineNo: Int64 = 1
        for d in docs { starts.append(lineNo); lineNo += Int64(d.split(separator: "\n").count) }
        expectThree(text, lines: starts, "jq . output")
        // `}{` with no newline at all between objects.
        expectThree(docs.joined(), lines: [1, starts[1] - 1, starts[2] - 2], "}{ adjacent")
    }

    @Test func prefixedLines() {
        let text = ["opa_1  | " + ct1, "opa_1  | " + ct2, "2026-11-29T14:00:00.000Z " + ct3].joined(separator: "\n") + "\n"
        expectThree(text, lines: [1, 2, 3], "docker-compose / kubectl --timestamps prefixes")
    }

    @Test func eventBridgeAndAKSWrappers() {
        let eb = #"{"version":"0","detail-type":"AWS API Call via CloudTrail","source":"aws.iam","detail":"# + ct1 + "}"
        let k8s = #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"a1","stage":"ResponseComplete","verb":"get","user":{"username":"system:serviceaccount:ci:builder"},"objectRef":{"resource":"secrets","namespace":"ci","name":"token"},"responseStatus":{"code":200},"stageTimestamp":"2026-11-29T14:00:00.123456Z","sourceIPs":["10.1.1.1"]}"#
        let k8sB = k8s.replacingOccurrences(of: #""a1""#, with: #""a2""#)
        let escaped = k8sB.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let aksObject = #"{"category":"kube-audit","operationName":"Microsoft.ContainerService/managedClusters/diagnosticLogs/Read","properties":{"log":"# + k8s + "}}"
        let aksString = #"{"category":"kube-audit-admin","properties":{"log":""# + escaped + #"","pod":"kube-apiserver-1"}}"#
        let r = decode([eb, aksObject, aksString].joined(separator: "\n"))
        #expect(r.status.malformed == 0)
        #expect(r.events.map(\.format) == [.cloudtrail, .k8sAudit, .k8sAudit])
        #expect(r.events[0].action == "iam:CreateAccessKey")
        #expect(r.events[1].identity == "system:serviceaccount:ci:builder")
        #expect(r.events[1].identityKind == .k8sServiceAccount)
        #expect(r.events[2].action == "get secrets")
        #expect(r.events[2].resource == "ci/secrets/token")
        #expect(r.events.map(\.origin.line) == [1, 2, 3])
    }

    @Test func followModeWaitsForTheRestOfALine() {
        var d = SourceDecoder(sourceName: "f")
        var got: [NormalizedEvent] = []
        let bytes = Array((ct1 + "\n" + ct2).utf8)
        let cut = ct1.utf8.count + 1 + 40
        d.feed(Array(bytes[..<cut])) { got.append($0) }
        #expect(got.count == 1)
        #expect(d.status.malformed == 0)
        d.feed(Array(bytes[cut...])) { got.append($0) }
        #expect(got.count == 2)
        #expect(d.status.events == 2 && d.status.state == .following)
        d.finish { got.append($0) }
        #expect(d.status.state == .finished)
    }

    @Test func restartDropsPartialRecordKeepsCountersAndDedupe() {
        var d = SourceDecoder(sourceName: "f")
        var got: [NormalizedEvent] = []
        let k8s = #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"same","stage":"ResponseComplete","verb":"get","user":{"username":"u"},"requestURI":"/healthz","stageTimestamp":"2026-11-29T14:00:00Z"}"#
        d.feed(Array((k8s + "\n" + String(ct1.prefix(50))).utf8)) { got.append($0) }
        d.restart()
        d.feed(Array((k8s + "\n" + ct2 + "\n").utf8)) { got.append($0) }
        #expect(got.count == 2)  // the repeated auditID is not counted again
        #expect(got[1].origin.line == 2)  // line numbers restart at 1
        #expect(d.status.events == 2 && d.status.ignored == 1 && d.status.malformed == 0)
    }

    @Test func finishParsesAFinalRecordAndCountsATruncatedOne() {
        #expect(decode(ct1).events.count == 1)
        let truncated = decode(ct1 + "\n" + String(ct2.dropLast(10)))
        #expect(truncated.events.count == 1 && truncated.status.malformed == 1)
        let prettyTruncated = decode(pretty(ct1) + "\n" + String(pretty(ct2).dropLast(30)))
        #expect(prettyTruncated.events.count == 1 && prettyTruncated.status.malformed == 1)
        let arrayTruncated = decode("[" + ct1 + "," + String(ct2.dropLast(3)))
        #expect(arrayTruncated.events.count == 1 && arrayTruncated.status.malformed == 1)
    }
}
