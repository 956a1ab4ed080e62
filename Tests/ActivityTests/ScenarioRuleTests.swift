import Foundation
import Testing
import Activity
import Events
import Ingest
import Rules

/// The SigmaHQ rules for the formats nhitop reads, `<package root>/../shared/sigma`: absent
/// from a plain clone (the tests that need it skip, visibly), required under `CI=true`.
enum ScenarioSigma {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ActivityTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    static let url = packageRoot.appendingPathComponent("../shared/sigma").standardizedFileURL

    static let isAvailable: Bool = {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }()

    /// CI must run the tests that read it, not skip them.
    static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The operator's example that mutes what Sigma flags in routine traffic.
    static let suppressionsPath = packageRoot.appendingPathComponent("examples/suppress-routine.yaml").path
}

/// Issue #9, acceptance 4: with detection rules matching the raw records, the scenario's routine
/// identities stay below 20 and its incidents still rank first. With the built-in catalogue
/// alone, and with the SigmaHQ rules loaded too, muted where they flag what is routine for a
/// kind of identity (`examples/suppress-routine.yaml`).
@Suite struct ScenarioRuleTests {
    static let scenario = Scenario.standard

    struct Hit {
        let identity: String
        let hit: RuleHit
        /// Index into the scenario's events and records.
        let index: Int
    }

    /// Every rule match in `events`, with the identity it counts for.
    static func hits(_ events: [NormalizedEvent?]) -> [Hit] {
        var out: [Hit] = []
        for (i, event) in events.enumerated() {
            guard let event else { continue }
            for h in event.ruleHits { out.append(Hit(identity: event.identity, hit: h, index: i)) }
        }
        return out
    }

    /// The decoded events into an aggregator with `config`, as `ScenarioTests` does; without
    /// their rule hits when `rules` is false (what the behavioural signals alone make of them).
    static func rows(_ events: [NormalizedEvent?], config: RiskConfig = .standard, rules: Bool = true) -> [IdentityRow] {
        var aggregator = ActivityAggregator(config: config)
        for case var event? in events {
            if !rules { event.ruleHits = [] }
            aggregator.ingest(event)
        }
        return aggregator.rows()
    }

    /// The operator's mutes for this organisation's routine (`examples/suppress-routine.yaml`).
    /// A few are for built-in rules: a CI runner whose executor works by exec into its job pods,
    /// a rotation job minting other users' keys, a provisioning bot adding collaborators. No
    /// single record tells those from an attack; the organisation knows them by name.
    static let routineConfig: RiskConfig = (try? RiskConfig.load(contentsOf: ScenarioSigma.suppressionsPath)) ?? .standard

    static func mutes(_ s: Suppression, _ h: Hit) -> Bool {
        guard case .rule(let id) = s.target, id == h.hit.rule.id else { return false }
        return s.covers(identity: h.identity) && s.isActive(at: scenario.events[h.index].time)
    }

    static let builtinHits = hits(ScenarioReplay.withBuiltinRules)
    static let builtinRows = rows(ScenarioReplay.withBuiltinRules, config: routineConfig)
    /// The same traffic scored without rules.
    static let baselineRows = rows(ScenarioReplay.withBuiltinRules, rules: false)

    // MARK: reading the outcome

    /// Rank, risk, role, identity and its rule reasons (then its other signals), for incidents and
    /// for every background identity scoring anything.
    static func table(_ rows: [IdentityRow]) -> String {
        let incidents = Set(scenario.incidents.map(\.identity))
        var lines = ["rank risk role        identity — rule reasons | other signals"]
        for (i, r) in rows.enumerated() where incidents.contains(r.identity) || r.risk > 0 {
            let role = incidents.contains(r.identity) ? "INCIDENT  " : "background"
            let rule = r.reasons.compactMap { reason in reason.rule.map { "\($0.id) (\(reason.points)): \(reason.text)" } }
            let other = r.reasons.filter { $0.rule == nil }.map { "\($0.signal)(\($0.points))" }
            lines.append("\(pad(i + 1, 4)) \(pad(r.risk, 4)) \(role)  \(r.identity) — \(rule.isEmpty ? "(no rule)" : rule.joined(separator: "; ")) | \(other.joined(separator: " "))")
        }
        return lines.joined(separator: "\n")
    }

    static func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: " ", count: max(0, w - s.count)) + s }

    static func line(_ index: Int) -> String { String(decoding: ScenarioReplay.records[index].line.dropLast(), as: UTF8.self) }

    /// Routine identities at 20 or more.
    static func loudBackground(_ rows: [IdentityRow]) -> [String] {
        let background = Set(scenario.background)
        return rows.filter { background.contains($0.identity) && $0.risk >= 20 }.map { "\($0.identity) = \($0.risk)" }
    }

    /// Routine identities rules put at 20 or more (below 20 without rules), or, for the few the
    /// behavioural signals alone already put there, raised to a higher level by a rule. (An
    /// informational rule adds a point or two to a low identity's sum; it must not move its level.)
    static func liftedByRules(_ rows: [IdentityRow]) -> [String] {
        let background = Set(scenario.background)
        let before = Dictionary(uniqueKeysWithValues: baselineRows.map { ($0.identity, $0.risk) })
        return rows.filter { r in
            let was = before[r.identity] ?? 0
            return background.contains(r.identity) && r.risk >= 20
                && (was < 20 || RiskLevel(score: r.risk) > RiskLevel(score: was))
        }.map { "\($0.identity) = \($0.risk) (\(before[$0.identity] ?? 0) without rules)" }
    }

    /// Rule/identity pairs matching routine identities, each with the first record it matched.
    static func routineMatches(_ hits: [Hit], where keep: (Hit) -> Bool = { _ in true }) -> [String] {
        let background = Set(scenario.background)
        var seen: [String: Int] = [:]
        var order: [(String, Hit)] = []
        for h in hits where background.contains(h.identity) && keep(h) {
            let key = "\(h.hit.rule.id) on \(h.identity)"
            if seen[key] == nil { order.append((key, h)) }
            seen[key, default: 0] += 1
        }
        return order.map { key, h in "\(key), \(seen[key]!)× (\(h.hit.reason)):\n    \(line(h.index))" }
    }

    /// Mirrors `ScenarioTests.everyIncidentRanksAboveEveryBackgroundIdentity`: ranked above on
    /// risk itself, not on the tie-break by volume.
    static func expectIncidentsFirst(_ rows: [IdentityRow], sourceLocation: SourceLocation = #_sourceLocation) {
        let rank = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.identity, $0) })
        let risk = Dictionary(uniqueKeysWithValues: rows.map { ($0.identity, $0.risk) })
        let incidents = scenario.incidents.map(\.identity)
        let worstIncidentRank = incidents.compactMap { rank[$0] }.max() ?? .max
        let bestBackgroundRank = scenario.background.compactMap { rank[$0] }.min() ?? .max
        let lowestIncidentRisk = incidents.compactMap { risk[$0] }.min() ?? 0
        let highestBackgroundRisk = scenario.background.compactMap { risk[$0] }.max() ?? 0
        #expect(worstIncidentRank < bestBackgroundRank, "an incident ranks below background:\n\(table(rows))",
                sourceLocation: sourceLocation)
        #expect(lowestIncidentRisk > highestBackgroundRisk,
                "lowest incident risk \(lowestIncidentRisk) ≤ highest background risk \(highestBackgroundRisk):\n\(table(rows))",
                sourceLocation: sourceLocation)
    }

    // MARK: the built-in catalogue

    @Test func theBuiltinCatalogueIsLoadedAndMatchesIncidents() {
        #expect(!ScenarioReplay.builtin.isEmpty, "the built-in catalogue loaded no rules: the tests below would prove nothing")
        let incidents = Set(Self.scenario.incidents.map(\.identity))
        #expect(Self.builtinHits.contains { incidents.contains($0.identity) },
                "no built-in rule matched any incident:\n\(Self.table(Self.builtinRows))")
    }

    /// A built-in rule (above informational) matching routine traffic is a catalogue bug (its entry needs a filter)
    /// unless it is one of the organisation's named routines the example mutes: each unmuted
    /// match is named with the record it matched.
    @Test func noBuiltinRuleMatchesRoutineTraffic() throws {
        _ = try RiskConfig.load(contentsOf: ScenarioSigma.suppressionsPath)  // its error, if any, names file and key
        // Informational entries are enrichment (a denied low-impact agent call): they may note routine.
        let found = Self.routineMatches(Self.builtinHits) { h in
            h.hit.rule.level > .informational && !Self.routineConfig.suppressions.contains { Self.mutes($0, h) }
        }
        #expect(found.isEmpty, "built-in rules match routine identities (\(found.count) rule/identity pairs):\n\(found.joined(separator: "\n"))")
        let builtinMutes = Self.routineConfig.suppressions.filter { s in
            guard case .rule(let id) = s.target else { return false }
            return ScenarioReplay.builtin.rules.contains { $0.id == id }
        }
        #expect(builtinMutes.count <= 3, "more than three built-in rules need muting for routine traffic: \(builtinMutes.map(\.target))")
    }

    /// Routine identities below 20 without rules stay below 20 with the catalogue, and rules
    /// raise none of those the behavioural signals alone already put at 20 or more.
    @Test func backgroundStaysBelow20WithTheBuiltinCatalogue() {
        let lifted = Self.liftedByRules(Self.builtinRows)
        #expect(lifted.isEmpty, "rules put routine identities at 20 or more: \(lifted.joined(separator: ", "))\n\(Self.table(Self.builtinRows))")
    }

    /// The acceptance read literally: no routine identity at 20 or more, whatever the reason.
    /// Without any rule, the behavioural signals already put a few there (a CI runner's exec,
    /// the rotation job's key mints, a backup reading every secret): an Activity matter, kept
    /// visible here. When it is fixed this known issue stops occurring and the test says so.
    @Test func everyRoutineIdentityIsBelow20() {
        withKnownIssue("behavioural signals without rules: \(Self.loudBackground(Self.baselineRows).joined(separator: ", "))") {
            let loud = Self.loudBackground(Self.builtinRows)
            #expect(loud.isEmpty, "routine identities at 20 or more: \(loud.joined(separator: ", "))\n\(Self.table(Self.builtinRows))")
        }
    }

    @Test func everyIncidentRanksAboveEveryBackgroundIdentityWithTheBuiltinCatalogue() {
        Self.expectIncidentsFirst(Self.builtinRows)
    }
}

/// The same with the SigmaHQ rules loaded as well, and the routine they flag muted by the
/// suppressions in `examples/suppress-routine.yaml` (loaded as an operator would load it).
@Suite(.enabled(if: ScenarioSigma.isAvailable || ScenarioSigma.required, "../shared/sigma not beside the clone"))
struct ScenarioSigmaRuleTests {
    static let rules = ScenarioReplay.all
    static let config: RiskConfig? = try? RiskConfig.load(contentsOf: ScenarioSigma.suppressionsPath)
    static let events: [NormalizedEvent?] = ScenarioReplay.withAllRules
    static let hits = ScenarioRuleTests.hits(events)
    static let mutedRows = ScenarioRuleTests.rows(events, config: config ?? .standard)
    static let sigmaIDs = Set(rules.rules.filter { $0.source == .sigma }.map(\.id))
    static let loadedIDs = Set(rules.rules.map(\.id))

    static func mutes(_ s: Suppression, _ h: ScenarioRuleTests.Hit) -> Bool { ScenarioRuleTests.mutes(s, h) }

    @Test func theSigmaRulesAndTheSuppressionsLoad() throws {
        #expect(ScenarioSigma.isAvailable, "../shared/sigma is missing at \(ScenarioSigma.url.path)")
        #expect(Self.sigmaIDs.count >= 60, "only \(Self.sigmaIDs.count) Sigma rules loaded; skipped: \(Self.rules.skipped.prefix(5))")
        _ = try RiskConfig.load(contentsOf: ScenarioSigma.suppressionsPath)  // its error, if any, names file and key
        let config = try #require(Self.config)
        #expect(!config.suppressions.isEmpty)
        // Every entry names a loaded rule: a stale id would mute nothing, silently.
        for s in config.suppressions {
            if case .rule(let id) = s.target { #expect(Self.loadedIDs.contains(id), "\(id) is not a loaded rule") }
        }
    }

    /// Sigma does flag routine identities (so the example is needed), and once muted no Sigma
    /// match on a routine identity is left.
    @Test func theSuppressionsMuteEverySigmaMatchOnRoutineTraffic() throws {
        let config = try #require(Self.config)
        let sigma = { (h: ScenarioRuleTests.Hit) in h.hit.rule.source == .sigma }
        #expect(!ScenarioRuleTests.routineMatches(Self.hits, where: sigma).isEmpty, "Sigma matched no routine traffic")
        let left = ScenarioRuleTests.routineMatches(Self.hits) { h in sigma(h) && !config.suppressions.contains { Self.mutes($0, h) } }
        #expect(left.isEmpty, "Sigma matches on routine identities no suppression mutes (\(left.count)):\n\(left.joined(separator: "\n"))")
    }

    /// Each suppression mutes a rule that really matched a routine identity here (no dead
    /// entries), and none mutes a match on an incident: the example hides routine, not attacks.
    @Test func everySuppressionMutesRoutineAndNoIncident() throws {
        let config = try #require(Self.config)
        let background = Set(ScenarioRuleTests.scenario.background)
        let incidents = Set(ScenarioRuleTests.scenario.incidents.map(\.identity))
        for s in config.suppressions {
            #expect(Self.hits.contains { background.contains($0.identity) && Self.mutes(s, $0) },
                    "\(s.target) for \(s.identity) mutes nothing in the scenario")
        }
        let hidden = Self.hits.filter { h in incidents.contains(h.identity) && config.suppressions.contains { Self.mutes($0, h) } }
        #expect(hidden.isEmpty, "suppressions mute incident matches: \(hidden.prefix(5).map { "\($0.hit.rule.id) on \($0.identity)" })")
    }

    @Test func backgroundStaysBelow20WithSigmaAndTheRoutineMuted() {
        let lifted = ScenarioRuleTests.liftedByRules(Self.mutedRows)
        #expect(lifted.isEmpty, "rules put routine identities at 20 or more: \(lifted.joined(separator: ", "))\n\(ScenarioRuleTests.table(Self.mutedRows))")
    }

    @Test func everyIncidentRanksAboveEveryBackgroundIdentityWithSigma() {
        ScenarioRuleTests.expectIncidentsFirst(Self.mutedRows)
    }

    /// `NHITOP_SCENARIO_TABLE=1 swift test --filter printSigmaScenarioTable` lists the Sigma
    /// matches on routine identities (what the example mutes) and the muted ranking.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NHITOP_SCENARIO_TABLE"] != nil))
    func printSigmaScenarioTable() {
        print(ScenarioRuleTests.routineMatches(Self.hits) { $0.hit.rule.source == .sigma }
            .map { $0.prefix(while: { $0 != "\n" }) }.joined(separator: "\n"))
        print(ScenarioRuleTests.table(Self.mutedRows))
    }
}
