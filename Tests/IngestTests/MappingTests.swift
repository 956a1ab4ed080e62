import Events
import Foundation
import Testing
@testable import Ingest

/// `<package root>/examples/<name>`, located relative to this file.
private func examplePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // IngestTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("examples").appendingPathComponent(name).path
}

private func mappings(_ yaml: String) throws -> [FormatMapping] {
    try FormatMapping.parse(yaml: yaml, source: "mapping.yaml")
}

/// The one-line error a mapping file produces, or nil when it parses.
private func error(_ yaml: String) -> String? {
    do { _ = try mappings(yaml); return nil } catch { return String(describing: error) }
}

private func decodeMapped(_ text: String, _ yaml: String) throws -> (events: [NormalizedEvent], status: SourceStatus) {
    decode(text, options: IngestOptions(mappings: try mappings(yaml)))
}

private func at(_ iso: String) -> EventTime { TimestampParser.parse(iso)! }

/// A small mapping over `{"svc":"gw","t":…,"who":…,"op":…}` records; `fields` adds field lines.
private func gateway(_ fields: String = "", timeUnit: String? = nil) -> String {
    """
    formats:
      - name: gw
        detect: {equals: {svc: gw}}
        fields:
          time: t
          identity: who
          action: op
    \(timeUnit.map { "      time_unit: \($0)\n" } ?? "")\(fields)
    """
}

@Suite("Mapping files")
struct MappingTests {
    @Test func exampleFileParsesAndItsLogMaps() throws {
        let loaded = try FormatMapping.load(contentsOf: examplePath("mapping-toolgateway.yaml"))
        #expect(loaded.map(\.name) == ["toolgateway"])
        let log = try #require(FileManager.default.contents(atPath: examplePath("toolgateway.jsonl")))
        let r = decode([UInt8](log), name: "toolgateway.jsonl", options: IngestOptions(mappings: loaded))
        #expect(r.status.malformed == 0 && r.status.ignored == 0)
        #expect(r.status.events == 7)
        #expect(r.status.format == .mapped)
        try #require(r.events.count == 7)
        let e = r.events
        #expect(e.allSatisfy { $0.format == .mapped && $0.identityKind == .aiAgent })
        #expect(e.map(\.origin.line) == [1, 2, 3, 4, 5, 6, 7])

        #expect(e[0].identity == "agent-triage")
        #expect(e[0].action == "tool:github.list_issues")
        #expect(e[0].resource == "acme/api")
        #expect(e[0].sourceIP == "10.0.3.7")
        #expect(e[0].credentialID == "tgk_01HXTRIAGE")
        #expect(e[0].actor == "alice@example.com")
        #expect(e[0].decision == .allow)
        #expect(e[0].time == at("2026-11-29T14:00:00Z"))
        #expect(e[1].time.microseconds == at("2026-11-29T14:00:02Z").microseconds + 250_000)
        // Epoch milliseconds in the same field (time_unit: auto).
        #expect(e[2].time == at("2026-11-29T14:00:05Z"))
        #expect(e[2].identity == "agent-deploy" && e[2].actor == "")
        // The deny.
        #expect(e[3].decision == .deny)
        #expect(e[3].action == "tool:vault.read_secret")
        #expect(e[3].resource == "secret/data/prod/db")
        #expect(e[4].decision == .error)
        // A value not in the map; optional fields missing.
        #expect(e[5].decision == .unknown)
        #expect(e[5].resource == "" && e[5].sourceIP == "" && e[5].credentialID == "" && e[5].actor == "")
        #expect(e[6].time == at("2026-11-29T13:00:20Z"))
    }

    @Test func builtInFormatsWinOverAMappingThatAlsoMatches() throws {
        let greedy = """
        formats:
          - name: greedy
            detect: {has: [eventVersion]}
            fields: {time: eventTime, identity: eventName, action: eventName}
          - name: greedy-nhitop
            detect: {has: [ts]}
            fields: {time: ts, identity: identity, action: action}
        """
        let cloudTrail = #"{"eventVersion":"1.09","eventSource":"s3.amazonaws.com","eventName":"GetObject","eventTime":"2026-11-29T14:00:00Z","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::12:user/bob"}}"#
        let own = #"{"ts":"2026-11-29T14:00:00Z","identity":"bot","action":"read","kind":"ai_agent"}"#
        let notBuiltIn = #"{"eventVersion":"1","eventTime":"2026-11-29T14:00:00Z","eventName":"Custom"}"#
        let r = try decodeMapped(line(cloudTrail) + line(own) + line(notBuiltIn), greedy)
        #expect(r.events.map(\.format) == [.cloudtrail, .nhitop, .mapped])
        #expect(r.events.first?.identity == "arn:aws:iam::12:user/bob")
        #expect(r.events.last?.identity == "Custom")
    }

    @Test func mappingsAreTriedInFileOrder() throws {
        let two = """
        formats:
          - {name: first, detect: {has: [a, c]}, fields: {time: t, identity: a, action: c}}
          - {name: second, detect: {has: [a]}, fields: {time: t, identity: b, action: b}}
        """
        let r = try decodeMapped(
            line(#"{"t":"2026-11-29T14:00:00Z","a":"x","b":"y","c":"z"}"#)   // both match: the first wins
            + line(#"{"t":"2026-11-29T14:00:00Z","a":"x","b":"y"}"#)         // only the second matches
            + line(#"{"t":"2026-11-29T14:00:00Z","a":null,"b":"y"}"#), two)  // `has` needs non-null: neither
        #expect(r.events.map(\.identity) == ["x", "y"])
        #expect(r.status.malformed == 1)
    }

    // MARK: Errors

    @Test func errorsAreOneLineNamingFileAndKey() {
        let noTime = """
        formats:
          - name: a
            detect: {has: [x]}
            fields: {identity: x, action: y}
        """
        #expect(error(noTime) == "mapping.yaml: formats[0].fields.time: required")

        let badDecision = """
        formats:
          - name: a
            detect: {has: [x]}
            fields: {time: t, identity: x, action: y}
          - name: b
            detect: {has: [x]}
            fields:
              time: t
              identity: x
              action: y
              decision:
                path: outcome.result
                map: {allowed: allow, blocked: nope}
        """
        #expect(error(badDecision)
                == #"mapping.yaml: formats[1].fields.decision.map.blocked: unknown decision "nope" (expected allow, deny, error, unknown)"#)

        let syntax = "formats:\n  - name: a\n    detect: {has: [x]\n    fields: {}\n"
        let message = error(syntax)
        #expect(message?.hasPrefix("mapping.yaml: invalid YAML: line ") == true, "\(message ?? "")")
        #expect(message?.contains("\n") == false)

        let cases: [(String, String)] = [
            ("", "mapping.yaml: formats: required"),
            ("formats: []", "mapping.yaml: formats: expected a list of formats"),
            ("format: []", "mapping.yaml: format: unknown key (expected formats, kinds)"),
            ("- a", "mapping.yaml: expected a mapping with `formats:`"),
            ("formats:\n  - {detect: {has: [x]}, fields: {time: t, identity: x, action: y}}",
             "mapping.yaml: formats[0].name: required"),
            ("formats:\n  - {name: a, fields: {time: t, identity: x, action: y}}",
             "mapping.yaml: formats[0].detect: required"),
            ("formats:\n  - {name: a, detect: {}, fields: {time: t, identity: x, action: y}}",
             "mapping.yaml: formats[0].detect: needs at least one has: or equals: condition"),
            ("formats:\n  - {name: a, detect: {has: [x], prefix: {a: b}}, fields: {time: t, identity: x, action: y}}",
             "mapping.yaml: formats[0].detect.prefix: unknown key (expected has, equals)"),
            ("formats:\n  - {name: a, detect: {has: [x]}, fields: {time: t, identity: x}}",
             "mapping.yaml: formats[0].fields.action: required"),
            ("formats:\n  - {name: a, detect: {has: [x]}, fields: {time: t, action: x}}",
             "mapping.yaml: formats[0].fields.identity: required"),
            ("formats:\n  - {name: a, detect: {has: [x]}, fields: {time: t, identity: x, action: y, sourceip: z}}",
             "mapping.yaml: formats[0].fields.sourceip: unknown key (expected time, time_unit, identity, action, resource, source_ip, credential, actor, kind, decision)"),
            ("formats:\n  - {name: a, detect: {has: [x]}, fields: {time: t, time_unit: hours, identity: x, action: y}}",
             #"mapping.yaml: formats[0].fields.time_unit: unknown time unit "hours" (expected auto, s, ms, us, ns)"#),
            ("formats:\n  - {name: a, detect: {has: [x]}, fields: {time: t, identity: x, action: y, kind: robot}}",
             #"mapping.yaml: formats[0].fields.kind: unknown kind "robot" (expected "#
                + IdentityKind.allCases.map(\.label).joined(separator: ", ") + ")"),
            ("formats:\n  - {name: a, detect: {has: [x]}, fields: {time: t, identity: x, action: y, kind: {map: {a: service}}}}",
             "mapping.yaml: formats[0].fields.kind.path: required"),
            ("formats:\n  - {name: a, detect: {has: [x]}, fields: {time: t, identity: x, action: y, decision: {path: d, else: deny}}}",
             "mapping.yaml: formats[0].fields.decision.else: unknown key (expected path, map, default)"),
            ("formats:\n  - {name: a, detect: {has: [x]}, fields: {time: 'a..b', identity: x, action: y}}",
             #"mapping.yaml: formats[0].fields.time: empty key in path "a..b""#),
            ("formats:\n  - {name: a, detect: {has: [x, '']}, fields: {time: t, identity: x, action: y}}",
             "mapping.yaml: formats[0].detect.has[1]: missing value"),
            ("formats:\n  - {name: a, detect: {has: [x]}, fields: {time: t, identity: x, action: 'tool:{a'}}",
             "mapping.yaml: formats[0].fields.action: unmatched { in template (write {{ for a literal brace)"),
            ("formats:\n  - {name: a, detect: {has: [x]}, fields: {time: t, identity: x, action: 'a}'}}",
             "mapping.yaml: formats[0].fields.action: unmatched } in template (write }} for a literal brace)"),
            ("formats:\n  - {name: a, detect: {has: [x]}, fields: {time: t, identity: x, action: 'x:{}'}}",
             "mapping.yaml: formats[0].fields.action: in {}: expected a path"),
            ("formats:\n  - {name: a, detect: {has: [x]}, fields: {time: t, identity: x, action: {path: y}}}",
             #"mapping.yaml: formats[0].fields.action: expected a path, a list of paths or a "{path}" template"#),
            ("formats:\n  - {name: a, detect: {has: [x]}, fields: {time: t, identity: x, action: y}}\n"
                + "  - {name: a, detect: {has: [x]}, fields: {time: t, identity: x, action: y}}",
             #"mapping.yaml: formats[1].name: duplicate name "a""#),
            ("formats:\n  - name: a\n    detect:\n      equals:\n        color: #fff\n    fields: {time: t, identity: x, action: y}",
             "mapping.yaml: formats[0].detect.equals.color: missing value (quote it; an unquoted # starts a YAML comment)"),
            ("formats:\n  - {name: a, detect: {has: [x]}, fields: {time: t, identity: x, action: y}, extra: 1}",
             "mapping.yaml: formats[0].extra: unknown key (expected name, detect, fields)"),
        ]
        for (yaml, expected) in cases {
            #expect(error(yaml) == expected, "\(yaml)")
        }
        // Every message is one line.
        for (yaml, _) in cases { #expect(error(yaml)?.contains("\n") == false) }
    }

    @Test func unreadableFileNamesThePath() {
        #expect(throws: MappingError(source: "/nonexistent/mapping.yaml", key: "", message: "cannot read file")) {
            try FormatMapping.load(contentsOf: "/nonexistent/mapping.yaml")
        }
    }

    // MARK: Time

    @Test func epochUnitsAndISO() throws {
        func time(_ value: String, unit: String? = nil) throws -> EventTime? {
            let r = try decodeMapped(line(#"{"svc":"gw","who":"w","op":"o","t":"# + value + "}"), gateway(timeUnit: unit))
            return r.events.first?.time
        }
        let base = at("2026-11-29T14:00:05Z")
        #expect(try time("1795960805") == base)                         // auto: seconds
        #expect(try time("1795960805000") == base)                      // auto: milliseconds
        #expect(try time("1795960805000000") == base)                   // auto: microseconds
        #expect(try time("1795960805000000000") == base)                // auto: nanoseconds
        #expect(try time(#""1795960805123""#)?.microseconds == base.microseconds + 123_000)  // digits in a string
        #expect(try time("1795960805.25")?.microseconds == base.microseconds + 250_000)     // fractional seconds
        #expect(try time(#""2026-11-29T14:00:05Z""#) == base)           // ISO
        #expect(try time(#""2026-11-29T15:00:05.5+01:00""#)?.microseconds == base.microseconds + 500_000)
        // An explicit unit is not second-guessed.
        // Read as milliseconds that is January 1970: outside `EventTime.saneRange`, so malformed.
        #expect(try time("1795960805", unit: "ms") == nil)
        #expect(try time("1795960805000000", unit: "s") == nil)        // overflows: malformed
        #expect(try time("1795960805123.5", unit: "ms")?.microseconds == base.microseconds + 123_500)
        #expect(try time("1795960805", unit: "s") == base)
        // Unparseable times are malformed records, not events.
        #expect(try time("1.7e9") == nil)
        #expect(try time(#""yesterday""#) == nil)
        #expect(try time("true") == nil)
        #expect(try time(#"{"at":1}"#) == nil)
        let r = try decodeMapped(line(#"{"svc":"gw","who":"w","op":"o","t":"soon"}"#), gateway())
        #expect(r.events.isEmpty && r.status.malformed == 1)
    }

    // MARK: Fields

    @Test func missingOptionalFieldsAreEmpty() throws {
        let yaml = gateway("""
              resource: r.name
              source_ip: net.ip
              credential: key
              actor: obo
              kind: {path: k}
              decision: {path: d}
        """)
        let r = try decodeMapped(line(#"{"svc":"gw","t":"2026-11-29T14:00:00Z","who":"w","op":"o","r":"not an object","net":{"ip":null},"key":["x"]}"#), yaml)
        let e = try #require(r.events.first)
        #expect(e.resource == "" && e.sourceIP == "" && e.credentialID == "" && e.actor == "")
        #expect(e.identityKind == .unknown && e.decision == .unknown)
        #expect(e.format == .mapped)
    }

    @Test func listsTemplatesIndexesAndQuotedKeys() throws {
        let yaml = """
        formats:
          - name: gw
            detect:
              has: [svc]
              equals: {v: "2", ok: "true"}
            fields:
              time: t
              identity: [who.ns, who.name]
              action: "{verb} {obj.kind}/{{braces}}"
              resource: 'meta."example.com/name"'
              source_ip: ips.1
              credential: [missing, key.id]
              actor: [nothing.here]
              kind: {path: who.type, map: {bot: ai_agent, "": anonymous}, default: service}
              decision: {path: status, map: {200: allow, 403: deny}, default: error}
        """
        let r = try decodeMapped(
            line(#"{"svc":1,"v":2,"ok":true,"t":"2026-11-29T14:00:00Z","who":{"ns":"prod","name":"ci","type":"bot"},"verb":"get","obj":{"kind":"secrets"},"meta":{"example.com/name":"db"},"ips":["10.0.0.1","10.0.0.2"],"key":{"id":7},"status":403}"#)
            + line(#"{"svc":1,"v":"2","ok":"true","t":"2026-11-29T14:00:00Z","who":{"name":"ci","type":"human"},"verb":"get","obj":{"kind":"secrets"},"status":500}"#)
            + line(#"{"svc":1,"v":"2","ok":"true","t":"2026-11-29T14:00:00Z","who":{"name":"ci","type":""},"verb":"get","obj":{"kind":"x"},"status":"200"}"#)
            // `v` must equal "2": this one is not the format at all.
            + line(#"{"svc":1,"v":"3","ok":"true","t":"2026-11-29T14:00:00Z","who":{"name":"ci"},"verb":"get","obj":{"kind":"x"}}"#)
            // Template placeholder missing (`obj.kind`): the required action is missing → malformed.
            + line(#"{"svc":1,"v":"2","ok":"true","t":"2026-11-29T14:00:00Z","who":{"name":"ci"},"verb":"get"}"#),
            yaml)
        #expect(r.status.malformed == 2)
        try #require(r.events.count == 3)
        let e = r.events
        #expect(e[0].identity == "prod.ci")
        #expect(e[0].action == "get secrets/{braces}")
        #expect(e[0].resource == "db")
        #expect(e[0].sourceIP == "10.0.0.2")
        #expect(e[0].credentialID == "7")
        #expect(e[0].actor == "")
        #expect(e[0].identityKind == .aiAgent)
        #expect(e[0].decision == .deny)
        #expect(e[1].identity == "ci")
        #expect(e[1].identityKind == .service)   // not in the map → default
        #expect(e[1].decision == .error)
        #expect(e[2].identityKind == .anonymous)  // "" is a listed value
        #expect(e[2].decision == .allow)          // a string "200" matches the key 200
    }

    @Test func labelsWithoutAMapUseTheBuiltInLabels() throws {
        let yaml = gateway("      kind: {path: k}\n      decision: {path: d}\n")
        func event(_ k: String, _ d: String) throws -> NormalizedEvent? {
            try decodeMapped(line(#"{"svc":"gw","t":"2026-11-29T14:00:00Z","who":"w","op":"o","k":"# + k + #","d":"# + d + "}"), yaml).events.first
        }
        #expect(try event(#""ci_job""#, #""denied""#).map { [$0.identityKind.label, $0.decision.label] } == ["ci_job", "deny"])
        #expect(try event(#""CI_JOB""#, #""SUCCESS""#).map { [$0.identityKind.label, $0.decision.label] } == ["unknown", "allow"])
        #expect(try event(#""ai_agent""#, "true").map { [$0.identityKind.label, $0.decision.label] } == ["ai_agent", "unknown"])
        // Constants.
        let constant = try decodeMapped(line(#"{"svc":"gw","t":"2026-11-29T14:00:00Z","who":"w","op":"o","d":"deny"}"#),
                                        gateway("      kind: api_key\n      decision: allow\n"))
        #expect(constant.events.first?.identityKind == .apiKey && constant.events.first?.decision == .allow)
    }

    // MARK: Robustness

    @Test func malformedRecordsStayMalformed() throws {
        let yaml = gateway()
        let r = try decodeMapped(
            line(#"{"svc":"gw","t":"2026-11-29T14:00:00Z","who":"w","op":"o""#)       // truncated JSON
            + line(#"{"svc":"gw","t":"2026-11-29T14:00:00Z","op":"o"}"#)             // no identity
            + line(#"{"svc":"gw","t":"2026-11-29T14:00:00Z","who":"","op":"o"}"#)    // empty identity
            + line(#"{"svc":"gw","t":"2026-11-29T14:00:00Z","who":"w","op":{}}"#)    // action not text
            + line(#"{"svc":"gw","who":"w","op":"o"}"#)                              // no time
            + line(#"{"svc":"other","t":"2026-11-29T14:00:00Z","who":"w","op":"o"}"#) // matches nothing
            + line(#"{"msg":"started","level":"info"}"#)                             // a logger line: ignored
            + line(#"{"svc":"gw","t":"2026-11-29T14:00:00Z","who":"w","op":"o"}"#),  // fine
            yaml)
        #expect(r.status.malformed == 6)
        #expect(r.status.ignored == 1)
        #expect(r.events.map(\.origin.line) == [8])
    }

    @Test func hostileStringsSurviveAsData() throws {
        let yaml = gateway("      resource: \"res:{r}\"\n      actor: a\n")
        let hostile = #"{{op}} \u001b[2J\u0000 \"quoted\" ../../etc/passwd 💥 \ud800"#
        let r = try decodeMapped(
            line(#"{"svc":"gw","t":"2026-11-29T14:00:00Z","who":"{who}","op":""# + hostile + #"","r":"{t}","a":"%s%n"}"#)
            // Escaped bytes in a detect value still compare as the decoded text.
            + line(#"{"svc":"g\u0077","t":"2026-11-29T14:00:00Z","who":"w","op":"o"}"#)
            // A dotted key is one key, not a path.
            + line(#"{"svc":"gw","t.x":"2026-11-29T14:00:00Z","who":"w","op":"o"}"#),
            yaml)
        #expect(r.status.malformed == 1)
        try #require(r.events.count == 2)
        let e = r.events[0]
        #expect(e.identity == "{who}")
        #expect(e.action == "{{op}} \u{1B}[2J\u{0} \"quoted\" ../../etc/passwd 💥 \u{FFFD}")
        #expect(e.resource == "res:{t}")   // a record value is never re-read as a template
        #expect(e.actor == "%s%n")
        #expect(r.events[1].identity == "w")

        // Hostile strings in the mapping file are only data too.
        let weird = try mappings("""
        formats:
          - name: "\\u001b[31m; rm -rf /"
            detect: {equals: {'"a.b"': "\\u0000"}}
            fields: {time: t, identity: '"x.y"', action: "{{}}"}
        """)
        #expect(weird.first?.name == "\u{1B}[31m; rm -rf /")
        let w = decode(line(#"{"a.b":"\u0000","t":"2026-11-29T14:00:00Z","x.y":"who","x":{"y":"not me"}}"#), options: IngestOptions(mappings: weird))
        #expect(w.events.first?.identity == "who")
        #expect(w.events.first?.action == "{}")
    }

    @Test func chunkingDoesNotMatter() throws {
        let loaded = try FormatMapping.load(contentsOf: examplePath("mapping-toolgateway.yaml"))
        let log = try #require(FileManager.default.contents(atPath: examplePath("toolgateway.jsonl")))
        let whole = decode([UInt8](log), options: IngestOptions(mappings: loaded))
        let bytewise = decode([UInt8](log), options: IngestOptions(mappings: loaded), chunk: 1)
        #expect(whole.events == bytewise.events && whole.events.count == 7)
    }
}
