import Foundation
import Testing
import Activity
import Events

/// Two hours of realistic background traffic with four incidents in the last fifteen
/// minutes (see `Scenario`), judged only through the aggregator's public API:
/// `ingest`, `rows()`, `IdentityRow.risk` and `IdentityRow.reasons`.
@Suite struct ScenarioTests {
    static let scenario = Scenario.standard

    /// One pass over the whole scenario, shared by the tests that only read it.
    static let rows: [IdentityRow] = {
        var a = ActivityAggregator()
        for e in scenario.events { a.ingest(e) }
        return a.rows()
    }()

    /// Rank, risk, role and reasons of every row worth looking at: all incident
    /// identities, the heavy ones, and every background identity scoring anything.
    static func table(_ rows: [IdentityRow], only: Set<String>? = nil) -> String {
        let incidents = Set(scenario.incidents.map(\.identity))
        let heavy = Set(scenario.heavy)
        var lines = ["rank risk role        identity — reasons"]
        for (i, r) in rows.enumerated() {
            if let only, !only.contains(r.identity) { continue }
            if only == nil, r.risk == 0, !incidents.contains(r.identity), !heavy.contains(r.identity) { continue }
            let role = incidents.contains(r.identity) ? "INCIDENT" : heavy.contains(r.identity) ? "heavy" : "background"
            let reasons = r.reasons.map { "\($0.signal)(\($0.points)): \($0.text)" }.joined(separator: "; ")
            lines.append("\(pad(String(i + 1), 4)) \(pad(String(r.risk), 4)) \(role.padding(10)) \(r.identity) — \(reasons.isEmpty ? "(none)" : reasons)")
        }
        return lines.joined(separator: "\n")
    }

    static func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }

    // MARK: the generator itself

    @Test func scenarioIsRealisticInShape() {
        let s = Self.scenario
        #expect(s.background.count >= 50)
        #expect(Set(s.background).count == s.background.count, "background identities are distinct")
        #expect(s.incidents.count == 4)
        #expect(Set(s.incidents.map(\.identity)).isDisjoint(with: s.background))
        #expect(s.events.first!.time.microseconds - s.start.microseconds < 60_000_000)
        #expect(s.end.microseconds - s.events.last!.time.microseconds < 60_000_000)
        #expect(zip(s.events, s.events.dropFirst()).allSatisfy { $0.time <= $1.time }, "sorted by event time")

        // Every format, each with the identity kinds its logs produce.
        let kinds: [SourceFormat: Set<IdentityKind>] = [
            .cloudtrail: [.awsUser, .awsRole, .awsService], .k8sAudit: [.k8sServiceAccount, .k8sNode, .k8sControlPlane],
            .vault: [.vaultToken], .opa: [.aiAgent, .service, .workload], .github: [.githubApp, .githubToken],
            .nhitop: [.apiKey, .ciJob, .service, .workload],
        ]
        var byFormat: [SourceFormat: Set<String>] = [:]
        var perIdentity: [String: Int] = [:]
        for e in s.events {
            #expect(kinds[e.format]?.contains(e.identityKind) == true, "\(e.identity): \(e.identityKind.label) in \(e.format.label)")
            byFormat[e.format, default: []].insert(e.identity)
            perIdentity[e.identity, default: 0] += 1
        }
        for f in kinds.keys { #expect((byFormat[f]?.count ?? 0) >= 4, "\(f.label) has few identities") }

        // Heavy routine identities really are heavy: several events per second for two hours.
        #expect(s.heavy.count >= 5)
        for h in s.heavy { #expect(Double(perIdentity[h] ?? 0) / Double(Scenario.seconds) >= 2.5, "\(h)") }
        // Some background identities see benign denies and errors.
        let backgroundSet = Set(s.background)
        let deniedBackground = Set(s.events.filter { $0.decision == .deny && backgroundSet.contains($0.identity) }.map(\.identity))
        #expect(deniedBackground.count >= 5)

        // Incidents: only in the last fifteen minutes, each incident identity with a routine before.
        let incidentStart = s.end.microseconds - Scenario.incidentWindow * 1_000_000
        for i in s.incidents {
            let own = s.events.filter { $0.identity == i.identity }
            #expect(own.filter { $0.time.microseconds < incidentStart }.count >= 50, "\(i.name) has a routine to stand out from")
            #expect(own.contains { $0.time.microseconds >= incidentStart && $0.decision == .deny })
        }
    }

    @Test func generatorIsDeterministic() {
        let again = Scenario.generate(seed: 0x5CE7_A210)
        #expect(again.events == Self.scenario.events)
        let other = Scenario.generate(seed: 7)
        #expect(other.events != Self.scenario.events)
    }

    // MARK: the aggregator on the scenario

    @Test func everyIncidentRanksAboveEveryBackgroundIdentity() {
        let rows = Self.rows
        let rank = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.identity, $0) })
        let risk = Dictionary(uniqueKeysWithValues: rows.map { ($0.identity, $0.risk) })
        let incidents = Self.scenario.incidents.map(\.identity)
        let worstIncidentRank = incidents.compactMap { rank[$0] }.max() ?? .max
        let bestBackgroundRank = Self.scenario.background.compactMap { rank[$0] }.min() ?? .max
        let lowestIncidentRisk = incidents.compactMap { risk[$0] }.min() ?? 0
        let highestBackgroundRisk = Self.scenario.background.compactMap { risk[$0] }.max() ?? 0
        let table = Self.table(rows)
        #expect(worstIncidentRank < bestBackgroundRank, "an incident ranks below background:\n\(table)")
        // Ranked above on risk itself, not on the tie-break by volume.
        #expect(lowestIncidentRisk > highestBackgroundRisk,
                "lowest incident risk \(lowestIncidentRisk) ≤ highest background risk \(highestBackgroundRisk):\n\(table)")
    }

    @Test func heavyRoutineIdentitiesScoreBelow20() {
        let heavy = Set(Self.scenario.heavy)
        let loud = Self.rows.filter { heavy.contains($0.identity) && $0.risk >= 20 }.map { "\($0.identity) = \($0.risk)" }
        #expect(loud.isEmpty, "heavy routine identities at 20 or more:\n\(Self.table(Self.rows, only: heavy))")
    }

    @Test(arguments: Scenario.standard.incidents.map(\.name))
    func incidentReasonsSayWhatItDid(_ name: String) throws {
        let incident = try #require(Self.scenario.incidents.first { $0.name == name })
        let row = try #require(Self.rows.first { $0.identity == incident.identity })
        let words = row.reasons.map(\.text).joined(separator: " | ").lowercased()
        let missing = incident.mentions.filter { group in !group.contains { words.contains($0) } }
        #expect(missing.isEmpty,
                "\(name): reasons mention none of \(missing.map { $0.joined(separator: "/") }.joined(separator: "; ")):\n\(Self.table(Self.rows, only: [incident.identity]))")
    }

    /// Every event is counted once, on its own identity.
    @Test func everyEventIsCountedOnce() {
        let events = Self.scenario.events
        var a = ActivityAggregator()
        for e in events { a.ingest(e) }
        #expect(a.totalEvents == events.count)
        #expect(Self.rows.reduce(0) { $0 + $1.events } == events.count)
        let perIdentity = Dictionary(grouping: events, by: \.identity).mapValues(\.count)
        #expect(Self.rows.allSatisfy { perIdentity[$0.identity] == $0.events })
    }
}

private extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

/// `NHITOP_SCENARIO_TABLE=1 swift test --filter printScenarioTable` prints the ranking, for a person to read.
@Suite struct ScenarioTablePrinter {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NHITOP_SCENARIO_TABLE"] != nil))
    func printScenarioTable() {
        print(ScenarioTests.table(ScenarioTests.rows))
    }
}
