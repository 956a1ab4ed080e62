import Events
import Testing
@testable import Ingest

private func opaDecision(_ subject: String, tool: String? = nil) -> String {
    let toolField = tool.map { #","tool":"\#($0)""# } ?? ""
    return #"{"decision_id":"d-\#(subject.count)","path":"authz/allow","input":{"subject":"\#(subject)","action":"read"\#(toolField)},"result":true,"timestamp":"2026-11-29T10:00:00Z"}"# + "\n"
}

@Suite("Kind rules: explicit, ordered, configurable in the mapping file")
struct KindRuleTests {
    @Test func agentInsideANameIsNotAnAIAgent() {
        let (events, _) = decode(opaDecision("travel-agent-portal") + opaDecision("svc-useragent-parser")
                                 + opaDecision("agent:support-copilot") + opaDecision("spiffe://acme.example/ns/pay/sa/api")
                                 + opaDecision("svc-orders", tool: "ticket.comment"))
        #expect(events.map(\.identityKind) == [.service, .service, .aiAgent, .workload, .aiAgent])
    }

    @Test func rulesFromTheMappingFileReplaceTheDefaultsInOrder() throws {
        let file = try FormatMapping.parseFile(yaml: """
            kinds:
              - {match: suffix, value: "-copilot", kind: ai_agent}
              - {match: contains, value: "/agent/", kind: ai_agent}
              - {match: exact, value: "billing-batch", kind: ci_job}
              - {match: prefix, value: "spiffe://", kind: workload}
            """, source: "kinds.yaml")
        #expect(file.formats.isEmpty)
        var options = IngestOptions()
        options.kindRules = try #require(file.kinds)
        let (events, _) = decode(opaDecision("support-copilot") + opaDecision("spiffe://acme.example/agent/triage")
                                 + opaDecision("billing-batch") + opaDecision("billing-batch-2")
                                 + opaDecision("agent:support-copilot-x"), options: options)
        #expect(events.map(\.identityKind) == [.aiAgent, .aiAgent, .ciJob, .service, .service])
    }

    @Test func rulesRefineMappedFormatsWithoutAKind() throws {
        let file = try FormatMapping.parseFile(yaml: """
            formats:
              - name: gateway
                detect: {has: [gw_at]}
                fields: {time: gw_at, identity: who, action: what}
            kinds:
              - {match: prefix, value: "bot-", kind: ai_agent}
            """, source: "m.yaml")
        var options = IngestOptions(mappings: file.formats)
        options.kindRules = try #require(file.kinds)
        let (events, _) = decode(line(#"{"gw_at":"2026-11-29T10:00:00Z","who":"bot-7","what":"call"}"#)
                                 + line(#"{"gw_at":"2026-11-29T10:00:01Z","who":"alice","what":"call"}"#), options: options)
        #expect(events.map(\.identityKind) == [.aiAgent, .unknown])
    }

    @Test func badRulesAreOneLineErrors() {
        #expect(throws: MappingError.self) {
            try FormatMapping.parseFile(yaml: "kinds:\n  - {match: regex, value: x, kind: ai_agent}\n", source: "k.yaml")
        }
        #expect(throws: MappingError.self) {
            try FormatMapping.parseFile(yaml: "kinds:\n  - {match: prefix, value: x, kind: robot}\n", source: "k.yaml")
        }
        #expect(throws: MappingError.self) {
            try FormatMapping.parseFile(yaml: "kinds:\n  - {match: prefix, kind: ai_agent}\n", source: "k.yaml")
        }
        do {
            _ = try FormatMapping.parseFile(yaml: "kinds:\n  - {match: regex, value: x, kind: ai_agent}\n", source: "k.yaml")
        } catch {
            #expect("\(error)".contains("kinds[0].match"))
        }
    }

    /// Every match compares bytes: `contains` too (a decomposed "é" does not hold a
    /// precomposed one, and does hold the plain "e"); an empty value is refused, not a rule
    /// that matches every name.
    @Test func containsComparesBytesAndAnEmptyValueIsRefused() throws {
        let rule = KindRule(match: .contains, value: "e", kind: .service)
        #expect(rule.matches("caf\u{65}\u{301}-bot"))
        #expect(!KindRule(match: .contains, value: "\u{e9}", kind: .service).matches("caf\u{65}\u{301}"))
        #expect(KindRule(match: .contains, value: "bot", kind: .service).matches("my-bot-1"))
        #expect(!KindRule(match: .contains, value: "bots", kind: .service).matches("bot"))
        do {
            _ = try FormatMapping.parseFile(yaml: "kinds:\n  - {match: prefix, value: \"\", kind: ai_agent}\n", source: "k.yaml")
            Issue.record("an empty value was accepted")
        } catch {
            #expect("\(error)".contains("kinds[0].value"))
        }
    }
}
