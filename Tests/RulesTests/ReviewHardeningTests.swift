import Events
import Foundation
import Testing
@testable import Rules

/// Regressions for the review of the rule engine: hostile values that made one record cost
/// seconds (regex backtracking, `fieldref|contains`, index fan-out) and wrong answers
/// (regex literal prefilter, reason length, old ATT&CK tag spelling).
///
/// The timing bounds are loose (a loaded 2-core machine, debug build): each case took seconds
/// to minutes before its fix and takes milliseconds after.
@Suite struct ReviewHardeningTests {
    /// Seconds `body` takes.
    private func seconds(_ body: () -> Void) -> Double {
        let d = ContinuousClock().measure(body)
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    // MARK: 1. Regex backtracking

    /// The built-in admin-policy regex (Catalogue+AWSIdentity.swift), backtracking cubically on
    /// an `Effect`/`Action` run with no closing quote-star.
    static let adminPolicyRegex = #"'"Effect"\s*:\s*"Allow"[^{}]*"Action"\s*:\s*(\[[^\]]*)?"(\*|\*:\*|iam:\*)"|"Action"\s*:\s*(\[[^\]]*)?"(\*|\*:\*|iam:\*)"[^{}]*"Effect"\s*:\s*"Allow"'"#

    private func policyRecord(_ document: String) -> String {
        let escaped = document.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return cloudTrail("PutUserPolicy", #""requestParameters":{"policyName":"p","policyDocument":""# + escaped + #""}"#)
    }

    private func hostilePolicy(bytes: Int) -> String {
        let unit = #""Effect":"Allow","Action":["#
        return String(repeating: unit, count: bytes / unit.utf8.count + 1)
    }

    @Test func regexSeesAtMostTheCapOfAValue() {
        let rule = catalogueRule("admin:\n  requestParameters.policyDocument|re: \(Self.adminPolicyRegex)\ncondition: admin")
        // Still matches a real admin policy.
        let admin = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        #expect(matches(rule, policyRecord(admin)))
        // A match wholly past the cap is not seen: the regex reads the first bytes only.
        let padded = String(repeating: " ", count: RegexMatcher.maxRegexSubjectBytes) + admin
        #expect(!matches(rule, policyRecord(padded)))

        let hostile4K = policyRecord(hostilePolicy(bytes: 4096))
        let t4K = seconds { #expect(!matches(rule, hostile4K)) }
        let hostile512K = policyRecord(hostilePolicy(bytes: 1 << 19))
        let t512K = seconds { #expect(!matches(rule, hostile512K)) }
        print("regex: hostile 4 KB \(t4K) s, 512 KB \(t512K) s")
        // Before the cap: 2.5 s at 4 KB and no end at 512 KB. After: ~0.3 s in a debug build, so
        // the bound leaves room for a loaded CI machine running other tests beside it.
        #expect(t4K < 3)
        #expect(t512K < 3)
        // A 1 MB value (past what one record may hold) straight to the matcher.
        let pattern = String(Self.adminPolicyRegex.dropFirst().dropLast())
        let m = try? RegexMatcher(pattern, ignoreCase: false, multiline: false, dotAll: false)
        let value = Array(hostilePolicy(bytes: 1 << 20).utf8)
        let t1M = seconds { #expect(value.withUnsafeBytes { m?.matches($0) } == false) }
        print("regex: hostile 1 MB value \(t1M) s")
        #expect(t1M < 3)
    }

    @Test func regexCapKeepsWholeScalars() throws {
        let m = try RegexMatcher("é$", ignoreCase: false, multiline: false, dotAll: false)
        // The cap falls inside the last `é` (2 bytes): the value is cut before it, not into U+FFFD.
        let text = Array(String(repeating: "a", count: RegexMatcher.maxRegexSubjectBytes - 1).utf8) + Array("é".utf8)
        #expect(text.withUnsafeBytes { !m.matches($0) })
        let fits = Array(String(repeating: "a", count: RegexMatcher.maxRegexSubjectBytes - 2).utf8) + Array("é".utf8)
        #expect(fits.withUnsafeBytes { m.matches($0) })
    }

    // MARK: 2. fieldref|contains

    @Test func fieldrefContainsIsBounded() {
        let rule = catalogueRule("""
        selection:
          requestParameters.policyDocument|fieldref|contains: requestParameters.needle
        condition: selection
        """)
        func record(_ doc: String, _ needle: String) -> String {
            cloudTrail("PutUserPolicy", #""requestParameters":{"policyDocument":"\#(doc)","needle":"\#(needle)"}"#)
        }
        #expect(matches(rule, record("xx-secret-xx", "SECRET")))
        #expect(!matches(rule, record("xx-secret-xx", "other")))
        // A referenced value past 256 bytes is not searched for.
        let long = String(repeating: "a", count: 300)
        #expect(!matches(rule, record("x" + long + "x", long)))

        let hostile = record(String(repeating: "a", count: 40_000), String(repeating: "a", count: 20_000) + "b")
        let t = seconds { #expect(!matches(rule, hostile)) }
        // Fan-out: every pair of two 5000-element arrays.
        let many = (0..<5000).map { #""v\#($0)""# }.joined(separator: ",")
        let fanOut = cloudTrail("PutUserPolicy", #""requestParameters":{"policyDocument":[\#(many)],"needle":[\#(many.replacingOccurrences(of: "v", with: "w"))]}"#)
        let tFan = seconds { #expect(!matches(rule, fanOut)) }
        print("fieldref|contains: 40 KB vs 20 KB \(t) s, 5000 x 5000 values \(tFan) s")
        #expect(t < 1)
        #expect(tFan < 1)
    }

    // MARK: 3. Index fan-out

    @Test func indexLookupIsBoundedForManyValues() {
        let rule = catalogueRule("""
        selection:
          objectRef.resource: secrets
          verb: create
        condition: selection
        """, format: "k8s_audit")
        let resources = (0..<2000).map { #""r\#($0)""# }.joined(separator: ",")
        let verbs = (0..<2000).map { #""v\#($0)""# }.joined(separator: ",")
        func event(_ resources: String, _ verbs: String) -> String {
            #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"\#(UUID().uuidString)","stage":"ResponseComplete","requestURI":"/api/v1/x","verb":[\#(verbs)],"user":{"username":"alice"},"sourceIPs":["10.0.0.9"],"objectRef":{"resource":[\#(resources)],"namespace":"default"},"responseStatus":{"code":201},"requestReceivedTimestamp":"2026-03-01T10:00:00.000000Z","stageTimestamp":"2026-03-01T10:00:00.100000Z"}"# + "\n"
        }
        let hostile = event(resources, verbs)
        let t = seconds { #expect(!matches(rule, hostile)) }
        print("index: 2000 x 2000 values \(t) s")
        #expect(t < 1)
        // Conservative: a rule whose values are among many still hits.
        #expect(matches(rule, event(resources + #","secrets""#, verbs + #","create""#)))
        let manyVerbs = (0..<200).map { #""v\#($0)""# }.joined(separator: ",")
        #expect(matches(rule, event(#""secrets""#, manyVerbs + #","create""#)))
    }

    @Test func singleFieldIndexFallsBackPastManyValues() {
        let rule = catalogueRule("selection:\n  verb: create\ncondition: selection", format: "k8s_audit")
        let verbs = (0..<5000).map { #""v\#($0)""# }.joined(separator: ",") + #","create""#
        let e = #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"\#(UUID().uuidString)","stage":"ResponseComplete","requestURI":"/api/v1/x","verb":[\#(verbs)],"user":{"username":"alice"},"sourceIPs":["10.0.0.9"],"objectRef":{"resource":"pods","namespace":"default"},"responseStatus":{"code":201},"requestReceivedTimestamp":"2026-03-01T10:00:00.000000Z","stageTimestamp":"2026-03-01T10:00:00.100000Z"}"# + "\n"
        #expect(matches(rule, e))
    }

    // MARK: 4. Regex literal prefilter

    @Test func regexLiteralsGiveUpOnLetterEscapesAndFlags() {
        func literals(_ p: String) -> [String] { RegexLiterals.required(in: p).literals.map { String(decoding: $0, as: UTF8.self) } }
        for p in [#"\x53topLogging"#, #"\u0041bcdef"#, #"\012abcdef"#, #"\cJabcdef"#, #"(?<n>ab)\k<n>cdef"#,
                  #"(?x)Stop Logging"#, #"(?s)abc.def"#, #"abc(?x) d e"#, #"(?xi)Stop Logging"#] {
            #expect(literals(p) == [], "\(p)")
        }
        // Class escapes only break a literal; `(?i)` only folds it.
        #expect(literals(#"abcd\dxy"#) == ["abcd"])
        #expect(literals(#"\bStopLogging\b"#) == ["StopLogging"])
        #expect(literals(#"(?i)stoplogging"#) == ["stoplogging"])

        let hex = catalogueRule("selection:\n  eventName|re: '" + #"\x53topLogging"# + "'\ncondition: selection")
        #expect(matches(hex, cloudTrail("StopLogging")))
        let extended = catalogueRule("selection:\n  eventName|re: '(?x)Stop Logging'\ncondition: selection")
        #expect(matches(extended, cloudTrail("StopLogging")))
    }

    // MARK: 5. Reason length

    @Test func reasonIsCutByScalars() {
        let rule = catalogueRule("selection:\n  eventName: CreateAccessKey\ncondition: selection", reason: "agent {userAgent} here")
        let combining = "a" + String(repeating: "\u{0301}", count: 50_000)
        let events = decode(cloudTrail("CreateAccessKey").replacingOccurrences(of: "aws-cli/2.0", with: combining), rules: rule)
        let reason = events.first?.ruleHits.first?.reason ?? ""
        #expect(!reason.isEmpty)
        #expect(reason.unicodeScalars.count <= ReasonTemplate.maxCharacters)
        #expect(reason.unicodeScalars.starts(with: "agent a\u{0301}\u{0301}".unicodeScalars))
    }

    // MARK: 6. ATT&CK tags

    @Test func oldUnderscoreTacticTagsAreRead() {
        #expect(AttackTags.fromSigmaTags(["attack.initial_access", "attack.t1078"]).tactic == "initial-access")
        #expect(AttackTags.fromSigmaTags(["attack.privilege_escalation"]).tactic == "privilege-escalation")
        #expect(AttackTags.fromSigmaTags(["attack.defense-evasion"]).tactic == "defense-evasion")
    }
}
