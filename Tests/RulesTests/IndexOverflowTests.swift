import Events
import Testing
@testable import Rules

/// Found by fuzz-sigma: a record that is a candidate for every rule of its format more than
/// once (a rule filed under two index keys, both present in the record) filled the candidate
/// buffer and wrote past its end (AddressSanitizer: dynamic-stack-buffer-overflow; in a debug
/// build a bounds trap). The rule must match once, nothing more.
@Suite struct IndexOverflowTests {
    @Test func aRuleFiledUnderTwoKeysOfOneRecordMatchesOnce() {
        let rules = catalogueRule("""
        by_name:
          eventName: StopLogging
        by_source:
          eventSource: cloudtrail.amazonaws.com
        condition: by_name or by_source
        """)
        #expect(rules.skipped.isEmpty, "\(rules.skipped)")
        #expect(hitIDs(rules, cloudTrail("StopLogging", source: "cloudtrail.amazonaws.com")) == ["test.rule"])
    }

    @Test func everyRuleACandidateTwiceStillMatchesEachOnce() {
        let yaml = (0..<3).map { i in
            """
            - id: r\(i)
              title: Rule \(i)
              format: cloudtrail
              level: low
              detection:
                a:
                  eventName: StopLogging
                b:
                  eventSource: cloudtrail.amazonaws.com
                condition: a or b

            """
        }.joined()
        let rules = RuleLoader.loadTexts(builtin: false, catalogues: [.init(path: "three.yml", yaml: yaml)])
        #expect(rules.skipped.isEmpty, "\(rules.skipped)")
        #expect(hitIDs(rules, cloudTrail("StopLogging", source: "cloudtrail.amazonaws.com")) == ["r0", "r1", "r2"])
    }
}
