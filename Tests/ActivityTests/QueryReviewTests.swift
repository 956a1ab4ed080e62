import Testing
@testable import Activity
import Events

/// Review of #10's query: a regex the operator types runs over fields an attacker writes,
/// on the UI thread, for every identity and feed event that changed since the last frame.
@Suite struct QueryReviewTests {
    /// Swift's `Regex` backtracks: `.*=` costs quadratic time in the field (about 0.8 s for one
    /// 4 KiB field without `=`, release build), `.*.*=` cubic. Fields are attacker-written
    /// (a resource, an action), so a regex reads only a bounded prefix of each.
    @Test func aRegexReadsABoundedPrefixOfAField() throws {
        let cap = TextFilter.maxRegexSubjectBytes
        let long = String(repeating: "a", count: 10_000) + "b"
        #expect(!(try TextFilter("~b")).fieldMatches(long), "past the cap: not read")
        #expect(try TextFilter("~^a+").fieldMatches(long), "within it: matched as before")
        #expect(try TextFilter("b").fieldMatches(long), "a substring is linear and still reads it all")
        // The cut never splits a scalar: `é` straddling the cap is left out whole.
        let straddling = String(repeating: "a", count: cap - 1) + "\u{E9}zz"
        #expect(!(try TextFilter("~\u{E9}")).fieldMatches(straddling))
        #expect(try TextFilter("~^a*$").fieldMatches(straddling), "the prefix is whole scalars, nothing after")

        // The cost is bounded whatever the field: 20 fields of 8 KiB under a quadratic pattern.
        let hostile = (0..<20).map { String(repeating: "a", count: 8192 + $0) }
        let f = try TextFilter("~.*=")
        let clock = ContinuousClock()
        let took = clock.measure { for h in hostile { _ = f.fieldMatches(h) } }
        #expect(took < .seconds(2), "\(took) for 20 hostile fields")
    }
}
