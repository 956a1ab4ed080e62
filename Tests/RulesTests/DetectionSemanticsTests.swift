import Events
import Testing
@testable import Rules

/// Issue #9, acceptance: the detection language as docs/rules.md promises it: each modifier,
/// each condition form, wildcards, lists as OR and maps as AND, missing or null fields. Every
/// record goes the real way: JSON through `SourceDecoder` with the rules in `IngestOptions`.
@Suite struct DetectionSemanticsTests {
    // MARK: Maps, lists, keywords

    @Test func aMapIsAnd() {
        let r = catalogueRule("""
        selection:
          eventName: CreateAccessKey
          userAgent: aws-cli/2.0
        condition: selection
        """)
        #expect(matches(r, cloudTrail("CreateAccessKey")))
        #expect(!matches(r, cloudTrail("CreateUser")))
    }

    @Test func aListOfValuesIsOr() {
        let r = catalogueRule("""
        selection:
          eventName: [CreateUser, CreateAccessKey]
        condition: selection
        """)
        #expect(matches(r, cloudTrail("CreateAccessKey")))
        #expect(matches(r, cloudTrail("CreateUser")))
        #expect(!matches(r, cloudTrail("DeleteUser")))
    }

    @Test func aListOfMapsIsOr() {
        let r = catalogueRule("""
        selection:
          - eventName: CreateUser
          - userAgent: Boto3*
        condition: selection
        """)
        #expect(matches(r, cloudTrail("CreateUser")))
        #expect(matches(r, cloudTrail("GetObject").replacingOccurrences(of: "aws-cli/2.0", with: "Boto3/1.2")))
        #expect(!matches(r, cloudTrail("GetObject")))
    }

    @Test func keywordsSearchTheWholeRecordIgnoringCase() {
        let r = catalogueRule("""
        keywords:
          - ALICE
          - nothing-like-this
        condition: keywords
        """)
        #expect(matches(r, cloudTrail()))
        #expect(!matches(r, cloudTrail().replacingOccurrences(of: "alice", with: "bob")))
    }

    @Test func keywordsSeeOnlyTheirOwnRecordInsideRecords() {
        let r = catalogueRule("""
        keywords: [marker-in-second]
        condition: keywords
        """)
        let first = cloudTrail("GetObject").dropLast()
        let second = cloudTrail("PutObject", #""note":"marker-in-second""#).dropLast()
        let events = decode(#"{"Records":["# + first + "," + second + "]}\n", rules: r)
        #expect(events.map(\.ruleHits.count) == [0, 1])
    }

    // MARK: Paths

    @Test func dottedPathsAndArraysOnTheWay() {
        let r = catalogueRule("""
        selection:
          requestParameters.createVolumePermission.add.items.userId: '444455556666'
        condition: selection
        """)
        let shared = #""requestParameters":{"createVolumePermission":{"add":{"items":[{"group":"x"},{"userId":"444455556666"}]}}}"#
        #expect(matches(r, cloudTrail("ModifySnapshotAttribute", source: "ec2.amazonaws.com", shared)))
        #expect(!matches(r, cloudTrail("ModifySnapshotAttribute", source: "ec2.amazonaws.com",
                                       shared.replacingOccurrences(of: "4444", with: "9999"))))
    }

    @Test func keysHoldingDotsMatch() {
        let r = catalogueRule("""
        selection:
          annotations.authorization.k8s.io/decision: forbid
        condition: selection
        """, format: "k8s_audit")
        let record = #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","stage":"ResponseComplete","auditID":"a1","verb":"get","user":{"username":"bob"},"objectRef":{"resource":"secrets","namespace":"default","name":"x"},"requestReceivedTimestamp":"2024-05-01T10:00:00Z","annotations":{"authorization.k8s.io/decision":"forbid"}}"# + "\n"
        #expect(matches(r, record))
        #expect(!matches(r, record.replacingOccurrences(of: "forbid", with: "allow")))
    }

    @Test func normalizedFieldsByAt() {
        let r = catalogueRule("""
        selection:
          '@action': iam:CreateAccessKey
          '@identity|contains': alice
        condition: selection
        """)
        #expect(matches(r, cloudTrail("CreateAccessKey")))
        #expect(!matches(r, cloudTrail("CreateUser")))
    }

    @Test func escapedStringsAreUnescapedFirst() {
        let r = catalogueRule("""
        selection:
          userAgent: 'a"b/c'
        condition: selection
        """)
        #expect(matches(r, cloudTrail().replacingOccurrences(of: "aws-cli/2.0", with: #"\u0041\"b\/c"#)))
    }

    // MARK: Case and wildcards

    @Test func matchingIgnoresASCIICaseUnlessCased() {
        let plain = catalogueRule("""
        selection:
          eventName: createaccesskey
        condition: selection
        """)
        #expect(matches(plain, cloudTrail("CreateAccessKey")))
        let cased = catalogueRule("""
        selection:
          eventName|cased: createaccesskey
        condition: selection
        """)
        #expect(!matches(cased, cloudTrail("CreateAccessKey")))
        #expect(matches(cased, cloudTrail("createaccesskey")))
    }

    @Test func wildcardsStarAndQuestionMark() {
        let r = catalogueRule("""
        selection:
          eventName: 'Create*Key?air'
        condition: selection
        """)
        #expect(matches(r, cloudTrail("CreateAccessKeyPair")))
        #expect(matches(r, cloudTrail("CreateKeyPair")))
        #expect(!matches(r, cloudTrail("CreateKeyPPair")))
        #expect(!matches(r, cloudTrail("DeleteKeyPair")))
    }

    @Test func questionMarkIsOneCharacterNotOneByte() {
        let r = catalogueRule("""
        selection:
          userAgent: 'caf?'
        condition: selection
        """)
        #expect(matches(r, cloudTrail().replacingOccurrences(of: "aws-cli/2.0", with: "café")))
    }

    @Test func backslashEscapesWildcards() {
        let r = catalogueRule(#"""
        selection:
          userAgent: 'tool\*'
        condition: selection
        """#)
        #expect(matches(r, cloudTrail().replacingOccurrences(of: "aws-cli/2.0", with: "tool*")))
        #expect(!matches(r, cloudTrail().replacingOccurrences(of: "aws-cli/2.0", with: "toolbox")))
    }

    // MARK: Null, empty, any

    @Test func nullMatchesMissingOrJSONNull() {
        let r = catalogueRule("""
        selection:
          errorCode: null
        condition: selection
        """)
        #expect(matches(r, cloudTrail()))
        #expect(matches(r, cloudTrail("CreateAccessKey", #""errorCode":null"#)))
        #expect(!matches(r, cloudTrail("CreateAccessKey", #""errorCode":"AccessDenied""#)))
    }

    @Test func emptyStringMatchesOnlyEmpty() {
        let r = catalogueRule("""
        selection:
          errorCode: ''
        condition: selection
        """)
        #expect(matches(r, cloudTrail("CreateAccessKey", #""errorCode":"""#)))
        #expect(!matches(r, cloudTrail()))
        #expect(!matches(r, cloudTrail("CreateAccessKey", #""errorCode":"x""#)))
    }

    @Test func starMatchesAnyPresentValueObjectsIncluded() {
        let r = catalogueRule("""
        selection:
          requestParameters: '*'
        condition: selection
        """)
        #expect(matches(r, cloudTrail("CreateAccessKey", #""requestParameters":{"userName":"bob"}"#)))
        #expect(!matches(r, cloudTrail("CreateAccessKey", #""requestParameters":null"#)))
        #expect(!matches(r, cloudTrail()))
    }

    // MARK: Numbers, booleans, containers

    @Test func numbersAndBooleansCompareAsTheirText() {
        let code = catalogueRule("""
        selection:
          responseStatus.code: [401, 403]
        condition: selection
        """, format: "k8s_audit")
        let k8s = #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","stage":"ResponseComplete","auditID":"a2","verb":"get","user":{"username":"bob"},"objectRef":{"resource":"pods","namespace":"default"},"requestReceivedTimestamp":"2024-05-01T10:00:00Z","responseStatus":{"code":403}}"# + "\n"
        #expect(matches(code, k8s))
        #expect(!matches(code, k8s.replacingOccurrences(of: "403", with: "200")))
        let flag = catalogueRule("""
        selection:
          requestParameters.enable: false
          responseElements.public: 'true'
        condition: selection
        """)
        #expect(matches(flag, cloudTrail("UpdateDetector", #""requestParameters":{"enable":false},"responseElements":{"public":true}"#)))
        #expect(!matches(flag, cloudTrail("UpdateDetector", #""requestParameters":{"enable":true},"responseElements":{"public":true}"#)))
    }

    @Test func containersMatchAsTheirJSONText() {
        let r = catalogueRule("""
        selection:
          requestParameters|contains|all:
            - '"s3:GetObject"'
            - '"Allow"'
        condition: selection
        """)
        let policy = #""requestParameters":{"policyDocument":{"Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}}"#
        #expect(matches(r, cloudTrail("PutUserPolicy", policy)))
        #expect(!matches(r, cloudTrail("PutUserPolicy", policy.replacingOccurrences(of: "Allow", with: "Deny"))))
    }

    @Test func containerTextEndsAtItsOwnClosingBracket() {
        let r = catalogueRule("""
        selection:
          requestParameters|endswith: '[2, [3]]]}'
          requestParameters.a|endswith: ']]'
        condition: selection
        """)
        #expect(matches(r, cloudTrail("X", #""requestParameters":{"a":[1,[2, [3]]]},"z":[]"#)))
        #expect(!matches(r, cloudTrail("X", #""requestParameters":{"a":[1,[2, [3]]], "b":1}"#)))
    }

    @Test func nestedObjectInArrayMatchesAsText() {
        let r = catalogueRule("""
        selection:
          requestParameters.items|contains: '"port":22'
        condition: selection
        """)
        #expect(matches(r, cloudTrail("AuthorizeSecurityGroupIngress", #""requestParameters":{"items":[{"port":80},{ "port":22 }]}"#)
            .replacingOccurrences(of: "{ \"port\":22 }", with: "{\"port\":22}")))
        #expect(!matches(r, cloudTrail("AuthorizeSecurityGroupIngress", #""requestParameters":{"items":[{"port":80}]}"#)))
    }

    // MARK: Modifiers

    @Test func containsStartswithEndswith() {
        let ua = { (s: String) in cloudTrail().replacingOccurrences(of: "aws-cli/2.0", with: s) }
        let c = catalogueRule("selection:\n  userAgent|contains: TruffleHog\ncondition: selection")
        #expect(matches(c, ua("x trufflehog y")))
        #expect(!matches(c, ua("truffle hog")))
        let s = catalogueRule("selection:\n  userAgent|startswith: Boto3\ncondition: selection")
        #expect(matches(s, ua("boto3/1.2")))
        #expect(!matches(s, ua("x boto3")))
        let e = catalogueRule("selection:\n  userAgent|endswith: '.exe'\ncondition: selection")
        #expect(matches(e, ua("C:\\\\tools\\\\x.EXE")))
        #expect(!matches(e, ua("x.exe.txt")))
    }

    @Test func allNeedsEveryValue() {
        let r = catalogueRule("""
        selection:
          userAgent|contains|all: [S3, Browser]
        condition: selection
        """)
        #expect(matches(r, cloudTrail().replacingOccurrences(of: "aws-cli/2.0", with: "S3 Browser 9")))
        #expect(!matches(r, cloudTrail().replacingOccurrences(of: "aws-cli/2.0", with: "S3 client")))
    }

    @Test func regexWithSubModifiers() {
        let ua = { (s: String) in cloudTrail().replacingOccurrences(of: "aws-cli/2.0", with: s) }
        let sensitive = catalogueRule("selection:\n  userIdentity.arn|re: ':user/al.ce$'\ncondition: selection")
        #expect(matches(sensitive, cloudTrail()))
        #expect(!matches(sensitive, cloudTrail().replacingOccurrences(of: "user/alice", with: "user/ALICE")))
        let insensitive = catalogueRule("selection:\n  userAgent|re|i: '^BOTO[0-9]+/'\ncondition: selection")
        #expect(matches(insensitive, ua("boto3/1.2")))
        #expect(!matches(insensitive, ua("x boto3/1.2")))
        let dotAll = catalogueRule("selection:\n  userAgent|re|s: 'a.b'\ncondition: selection")
        #expect(matches(dotAll, ua(#"a\nb"#)))
        let noDotAll = catalogueRule("selection:\n  userAgent|re: 'a.b'\ncondition: selection")
        #expect(!matches(noDotAll, ua(#"a\nb"#)))
        let multiline = catalogueRule("selection:\n  userAgent|re|m: '^b'\ncondition: selection")
        #expect(matches(multiline, ua(#"a\nb"#)))
        #expect(!matches(noDotAll, ua(#"a\nb"#)))
    }

    @Test func regexLiteralPrefilterKeepsMatches() {
        func literals(_ p: String) -> [String] { RegexLiterals.required(in: p).literals.map { String(decoding: $0, as: UTF8.self) } }
        #expect(literals(".+:assumed-role/aws:.+") == [":assumed-role/aws:"])
        #expect(literals("ab?c") == [])
        #expect(literals("a|bcd") == [])
        #expect(literals("(xyz)?abc\\.d") == ["abc.d"])
        #expect(Set(literals("(^|[^A-Za-z0-9])(shell|bash|sh)([^A-Za-z0-9]|$)")) == ["shell", "bash", "sh"])
        #expect(literals("(?:ab|cd(e)?)x") == [])
        let alternatives = catalogueRule("selection:\n  userAgent|re|i: '(^|[^a-z])(boto3|terraform)/'\ncondition: selection")
        #expect(matches(alternatives, cloudTrail().replacingOccurrences(of: "aws-cli/2.0", with: "x Terraform/1.5")))
        #expect(!matches(alternatives, cloudTrail()))
        let r = catalogueRule("selection:\n  userIdentity.arn|re: '.+:assumed-role/aws:.+'\ncondition: selection")
        #expect(matches(r, cloudTrail().replacingOccurrences(of: "user/alice", with: "assumed-role/aws:ec2-instance/i-1")))
        #expect(!matches(r, cloudTrail()))
    }

    @Test func cidrIPv4AndIPv6() {
        let r = catalogueRule("""
        selection:
          sourceIPAddress|cidr: [203.0.113.0/24, '2001:db8::/32']
        condition: selection
        """)
        let ip = { (s: String) in cloudTrail().replacingOccurrences(of: "203.0.113.7", with: s) }
        #expect(matches(r, ip("203.0.113.200")))
        #expect(!matches(r, ip("203.0.114.1")))
        #expect(matches(r, ip("2001:db8:1::7")))
        #expect(matches(r, ip("::ffff:203.0.113.9")))
        #expect(!matches(r, ip("2001:db9::1")))
        #expect(!matches(r, ip("AWS Internal")))
    }

    @Test func existsTrueAndFalse() {
        let yes = catalogueRule("selection:\n  errorCode|exists: true\ncondition: selection")
        let no = catalogueRule("selection:\n  errorCode|exists: false\ncondition: selection")
        let withCode = cloudTrail("CreateAccessKey", #""errorCode":"AccessDenied""#)
        #expect(matches(yes, withCode))
        #expect(!matches(yes, cloudTrail()))
        #expect(matches(no, cloudTrail()))
        #expect(!matches(no, withCode))
    }

    @Test func neqInvertsTheTest() {
        let r = catalogueRule("selection:\n  userIdentity.type|neq: AssumedRole\ncondition: selection")
        #expect(matches(r, cloudTrail()))
        #expect(!matches(r, cloudTrail().replacingOccurrences(of: "IAMUser", with: "assumedrole")))
    }

    @Test func numericComparisons() {
        let record = { (n: String) in cloudTrail("RunInstances", #""requestParameters":{"count":"# + n + "}") }
        let gt = catalogueRule("selection:\n  requestParameters.count|gt: 10\ncondition: selection")
        #expect(matches(gt, record("11")))
        #expect(!matches(gt, record("10")))
        let gte = catalogueRule("selection:\n  requestParameters.count|gte: 10\ncondition: selection")
        #expect(matches(gte, record("10")))
        #expect(matches(gte, record("\"1e3\"")))
        let lt = catalogueRule("selection:\n  requestParameters.count|lt: 2.5\ncondition: selection")
        #expect(matches(lt, record("2")))
        #expect(!matches(lt, record("2.5")))
        #expect(!matches(lt, record("\"two\"")))
        let lte = catalogueRule("selection:\n  requestParameters.count|lte: -1\ncondition: selection")
        #expect(matches(lte, record("-1")))
        #expect(!matches(lte, record("0")))
    }

    @Test func fieldrefComparesTwoFields() {
        let r = catalogueRule("selection:\n  userIdentity.userName|fieldref: requestParameters.userName\ncondition: selection")
        #expect(matches(r, cloudTrail("UpdateLoginProfile", #""requestParameters":{"userName":"ALICE"}"#)))
        #expect(!matches(r, cloudTrail("UpdateLoginProfile", #""requestParameters":{"userName":"bob"}"#)))
        #expect(!matches(r, cloudTrail("UpdateLoginProfile")))
        let contains = catalogueRule("selection:\n  userIdentity.arn|fieldref|endswith: requestParameters.userName\ncondition: selection")
        #expect(matches(contains, cloudTrail("UpdateLoginProfile", #""requestParameters":{"userName":"alice"}"#)))
        #expect(!matches(contains, cloudTrail("UpdateLoginProfile", #""requestParameters":{"userName":"ali"}"#)))
    }

    @Test func base64AndBase64offset() {
        // "whoami" is d2hvYW1p; inside a longer base64 text it is one of the three offsets.
        let plain = catalogueRule("selection:\n  requestParameters.userData|base64|contains: whoami\ncondition: selection")
        let record = { (s: String) in cloudTrail("RunInstances", #""requestParameters":{"userData":""# + s + #""}"#) }
        #expect(matches(plain, record("IyEvYmluL3NoCmQyaHZZVzFw d2hvYW1p")))
        #expect(!matches(plain, record("d2hvYW1")))
        let offset = catalogueRule("selection:\n  requestParameters.userData|base64offset|contains: whoami\ncondition: selection")
        // base64("x whoami") = eCB3aG9hbWk=, base64("xx whoami") = eHggd2hvYW1p, base64("ab whoami\n")...
        #expect(matches(offset, record("eCB3aG9hbWk=")))
        #expect(matches(offset, record("eHggd2hvYW1p")))
        #expect(matches(offset, record("d2hvYW1p")))
        #expect(!matches(offset, record("eHggd2hvYW")))
        #expect(ValueEncodings.base64(Array("whoami".utf8)) == Array("d2hvYW1p".utf8))
        #expect(ValueEncodings.base64(Array("ab".utf8)) == Array("YWI=".utf8))
        // pySigma's base64offset of the same values.
        let text = { (v: String) in ValueEncodings.base64Offsets(Array(v.utf8)).map { String(decoding: $0, as: UTF8.self) } }
        #expect(text("whoami") == ["d2hvYW1p", "dob2Fta", "3aG9hbW"])
        #expect(text("/bin/bash") == ["L2Jpbi9iYXNo", "9iaW4vYmFza", "vYmluL2Jhc2"])
    }

    @Test func windashMatchesEveryDash() {
        let r = catalogueRule("selection:\n  userAgent|windash|contains: ' -enc '\ncondition: selection")
        let ua = { (s: String) in cloudTrail().replacingOccurrences(of: "aws-cli/2.0", with: s) }
        #expect(matches(r, ua("powershell -enc AAA")))
        #expect(matches(r, ua("powershell /enc AAA")))
        #expect(matches(r, ua("powershell –enc AAA")))
        #expect(matches(r, ua("powershell ―enc AAA")))
        #expect(!matches(r, ua("powershell +enc AAA")))
    }

    // MARK: Conditions

    static let conditionDetection = """
    sel_name:
      eventName: CreateAccessKey
    sel_agent:
      userAgent|startswith: aws-cli
    _helper:
      eventName: CreateAccessKey
    filter_denied:
      errorCode: AccessDenied
    """

    func condition(_ c: String) -> RuleSet {
        catalogueRule(DetectionSemanticsTests.conditionDetection + "\ncondition: \(c)")
    }

    static let boto = cloudTrail("CreateAccessKey").replacingOccurrences(of: "aws-cli/2.0", with: "Boto3/1")
    static let denied = cloudTrail("CreateAccessKey", #""errorCode":"AccessDenied""#)
    static let other = cloudTrail("ListUsers").replacingOccurrences(of: "aws-cli/2.0", with: "Boto3/1")

    @Test func andOrNot() {
        #expect(matches(condition("sel_name and sel_agent"), cloudTrail()))
        #expect(!matches(condition("sel_name and sel_agent"), Self.boto))
        #expect(matches(condition("sel_name or sel_agent"), Self.boto))
        #expect(!matches(condition("sel_name or sel_agent"), Self.other))
        #expect(matches(condition("sel_name and not filter_denied"), cloudTrail()))
        #expect(!matches(condition("sel_name and not filter_denied"), Self.denied))
    }

    @Test func precedenceAndParentheses() {
        // or < and: `filter_denied or sel_name and sel_agent` is `filter_denied or (sel_name and sel_agent)`.
        #expect(!matches(condition("filter_denied or sel_name and sel_agent"), Self.boto))
        #expect(matches(condition("(filter_denied or sel_name) and not sel_agent"), Self.boto))
        #expect(!matches(condition("not (sel_name or sel_agent)"), Self.boto))
        #expect(matches(condition("not sel_name or sel_agent"), cloudTrail("ListUsers")))
        // and binds tighter than or on its right too: `(sel_name and filter_denied) or sel_agent`.
        #expect(matches(condition("sel_name and filter_denied or sel_agent"), cloudTrail("ListUsers")))
    }

    @Test func oneOfAndAllOfPatterns() {
        #expect(matches(condition("1 of sel_*"), Self.boto))
        #expect(!matches(condition("all of sel_*"), Self.boto))
        #expect(matches(condition("all of sel_*"), cloudTrail()))
        #expect(!matches(condition("1 of sel_*"), Self.other))
        #expect(!matches(condition("sel_name and not 1 of filter_*"), Self.denied))
    }

    @Test func themLeavesOutUnderscoreNames() {
        // `all of them` would need filter_denied; `_helper` is not part of them.
        #expect(matches(condition("all of them"), cloudTrail("CreateAccessKey", #""errorCode":"AccessDenied""#)))
        #expect(!matches(condition("all of them"), cloudTrail()))
        #expect(matches(condition("1 of them"), Self.boto))
        let onlyHelper = catalogueRule("_a:\n  eventName: X\nsel:\n  eventName: CreateUser\ncondition: 1 of them")
        #expect(!matches(onlyHelper, cloudTrail("X")))
        #expect(matches(onlyHelper, cloudTrail("CreateUser")))
    }

    @Test func conditionAsAListIsAnyOfThem() {
        let r = catalogueRule("a:\n  eventName: A\nb:\n  eventName: B\ncondition: [a, b]")
        #expect(matches(r, cloudTrail("B")))
        #expect(!matches(r, cloudTrail("C")))
    }

    // MARK: Hits

    @Test func hitsComeInRuleOrderOnce() {
        let yaml = """
        - {id: z.first, title: First, format: any, level: low, detection: {s: {eventName: CreateUser}, condition: s}}
        - {id: a.second, title: Second, format: cloudtrail, level: low, detection: {s: {userAgent: aws-cli*}, condition: s}}
        - {id: m.third, title: Third, format: cloudtrail, level: low, detection: {s: {eventName: [CreateUser, createuser]}, condition: s}}
        - {id: b.fourth, title: Fourth, format: k8s_audit, level: low, detection: {s: {verb: create}, condition: s}}
        """
        let set = RuleLoader.loadTexts(builtin: false, catalogues: [.init(path: "t.yml", yaml: yaml)])
        #expect(set.skipped.isEmpty)
        #expect(hitIDs(set, cloudTrail("CreateUser")) == ["z.first", "a.second", "m.third"])
        #expect(hitIDs(set, cloudTrail("DeleteUser")) == ["a.second"])
    }
}
