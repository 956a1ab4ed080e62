import Events
import Foundation
import Ingest
import Testing
@testable import Rules

/// The index is only a shortcut: with it or without it (every record against every rule of
/// its format), every record meets exactly the same rules, with the same reasons.
@Suite(.enabled(if: Shared.isAvailable, Shared.absent))
struct IndexEquivalenceTests {
    static let rules = RuleLoader.load(builtin: true, sigmaPaths: [Shared.sigma.path])

    func expectSameHits(_ bytes: [UInt8], _ name: String) {
        let indexed = decode(bytes, rules: Self.rules, name: name)
        let scanned = decode(bytes, rules: Self.rules.withoutIndex(), name: name)
        #expect(indexed.count == scanned.count, "\(name)")
        var differing = 0
        for (a, b) in zip(indexed, scanned) where a.ruleHits != b.ruleHits {
            differing += 1
            if differing <= 3 {
                Issue.record("\(name) line \(a.origin.line): indexed \(a.ruleHits.map(\.rule.id)), scanned \(b.ruleHits.map(\.rule.id))")
            }
        }
        #expect(differing == 0, "\(name): \(differing) records differ")
    }

    @Test func demoTrafficMeetsTheSameRules() {
        let end = EventTime(microseconds: 1_795_000_000_000_000)
        var traffic = DemoTraffic(seed: 3, start: EventTime(microseconds: end.microseconds - 15 * 60 * 1_000_000), incidentEvery: 60)
        var bytes: [UInt8] = []
        traffic.generate(until: end, into: &bytes)
        let events = decode(bytes, rules: Self.rules)
        #expect(events.count > 5_000)
        #expect(events.contains { !$0.ruleHits.isEmpty })
        expectSameHits(bytes, "demo")
    }

    @Test func corpusMeetsTheSameRules() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Shared.corpus.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".log") }.sorted()
        #expect(files.count > 20)
        for f in files {
            expectSameHits(try [UInt8](Data(contentsOf: Shared.corpus.appendingPathComponent(f))), f)
        }
    }
}
