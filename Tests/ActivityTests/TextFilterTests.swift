import Testing
@testable import Activity
import Events

private let t0 = EventTime(seconds: 1_764_000_000)

private func event(_ identity: String, _ action: String, resource: String = "", kind: IdentityKind = .awsRole,
                   format: SourceFormat = .cloudtrail) -> NormalizedEvent {
    NormalizedEvent(time: t0, identity: identity, identityKind: kind, action: action, resource: resource,
                    decision: .allow, format: format, origin: EventOrigin(source: "test", line: 1))
}

private func filter(_ text: String) -> TextFilter { try! TextFilter(text) }

@Suite struct TextFilterTests {
    @Test func aSubstringIgnoresCaseUntilItHasAnUpperCaseLetter() {
        #expect(filter("secret").fieldMatches("secretsmanager:GetSecretValue"))
        #expect(filter("getsecret").fieldMatches("secretsmanager:GetSecretValue"))
        #expect(filter("GetSecret").fieldMatches("secretsmanager:GetSecretValue"))
        #expect(!filter("GetSecret").fieldMatches("secretsmanager:getsecretvalue"), "smartcase: upper case is exact")
        #expect(!filter("secrets").fieldMatches("secret"))
        #expect(filter("value").fieldMatches("secretsmanager:GetSecretValue"), "at the very end")
        #expect(filter("").fieldMatches("anything") && filter("").fieldMatches(""))
        // Case folding is ASCII only; other bytes compare exactly, and a multi-byte pattern still matches.
        #expect(filter("café").fieldMatches("read café-menu"))
        #expect(!filter("café").fieldMatches("read CAFÉ-menu"))
    }

    @Test func tildeMakesARegexWithTheSameSmartcase() throws {
        let f = filter("~^s3:(get|put)object$")
        #expect(f.isRegex && !f.inverted && f.pattern == "^s3:(get|put)object$")
        #expect(f.fieldMatches("s3:GetObject") && f.fieldMatches("s3:PutObject"))
        #expect(!f.fieldMatches("s3:GetObjectAcl") && !f.fieldMatches("xs3:GetObject"))
        #expect(!filter("~^s3:Get").fieldMatches("s3:getobject"), "an upper-case letter makes it exact")
        // A letter after a backslash is regex syntax, not text: `\S` keeps the match case-insensitive.
        #expect(filter("~\\Sget").fieldMatches("s3:GetObject"))
        #expect(!filter("~get").fieldMatches("s3:ListBuckets"))
    }

    @Test func aLeadingBangInverts() {
        let f = filter("!pods")
        #expect(f.inverted && !f.isRegex && f.pattern == "pods")
        #expect(!f.matches(event("app", "get pods")))
        #expect(f.matches(event("app", "get secrets")))
        let r = filter("!~^get ")
        #expect(r.inverted && r.isRegex)
        #expect(!r.matches(event("app", "get pods")) && r.matches(event("app", "list pods")))
    }

    @Test func anInvalidRegexOrAnOverlongPatternIsAOneLineError() {
        for bad in ["~(ab", "~a[", "!~*x", "~a{2,1}"] {
            #expect {
                _ = try TextFilter(bad)
            } throws: { error in
                let text = (error as? TextFilterError)?.description ?? ""
                return text.hasPrefix("invalid regex: ") && !text.contains("\n") && text.count > 15
            }
        }
        #expect(throws: TextFilterError.self) { try TextFilter(String(repeating: "a", count: TextFilter.maxPatternLength + 1)) }
        #expect((try? TextFilter(String(repeating: "a", count: TextFilter.maxPatternLength))) != nil)
        #expect((try? TextFilter("(ab")) != nil, "without ~ the same text is a plain substring")
    }

    @Test func anEventMatchesOnAnyOfItsFields() {
        let e = event("arn:aws:iam::1:role/deployer", "iam:PassRole", resource: "role/admin")
        #expect(filter("deployer").matches(e))
        #expect(filter(IdentityKind.awsRole.label).matches(e))
        #expect(filter(SourceFormat.cloudtrail.label).matches(e))
        #expect(filter("passrole").matches(e))
        #expect(filter("role/admin").matches(e))
        #expect(!filter("vault").matches(e))
    }

    @Test func filtersAreEqualByWhatWasTyped() {
        #expect(filter("~get") == filter("~get"))
        #expect(filter("~get") != filter("get"))
        #expect(Set([filter("a"), filter("a"), filter("!a")]).count == 2)
    }
}
