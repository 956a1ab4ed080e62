import Foundation
import Testing
@testable import Activity

/// The risk config file: `examples/risk.yaml` is the defaults, and every mistake is one
/// line naming the file and the key.
@Suite struct RiskConfigTests {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func error(_ yaml: String) -> String? { riskConfigError(yaml) }

    @Test func exampleFileIsExactlyTheStandardConfig() throws {
        let path = Self.repoRoot.appendingPathComponent("examples/risk.yaml").path
        let loaded = try RiskConfig.load(contentsOf: path)
        #expect(loaded == RiskConfig.standard)
    }

    @Test func exampleFileMentionsEveryKeyAndEverySignal() throws {
        let text = try String(contentsOfFile: Self.repoRoot.appendingPathComponent("examples/risk.yaml").path,
                              encoding: .utf8)
        for key in ["chain_classes", "chain_window_hours", "chain_floor", "criticality", "warm_up_events",
                    "warm_up_seconds", "enumeration_distinct", "enumeration_window_seconds", "deny_spike_count",
                    "secret_harvest_count", "dormant_hours", "volume_z", "volume_min_per_minute", "signals"] {
            #expect(text.contains("\n\(key):"), "examples/risk.yaml does not document \(key)")
        }
        for s in Signal.allCases {
            #expect(text.contains("  \(s.name):"), "examples/risk.yaml does not document signal \(s.name)")
        }
    }

    @Test func emptyFileIsTheStandardConfig() throws {
        #expect(try RiskConfig.parse(yaml: "", source: "risk.yaml") == .standard)
        #expect(try RiskConfig.parse(yaml: "# nothing\n", source: "risk.yaml") == .standard)
        #expect(try RiskConfig.parse(yaml: "signals:\n", source: "risk.yaml") == .standard)
    }

    @Test func everyTopLevelKeyIsRead() throws {
        let c = try RiskConfig.parse(yaml: """
            chain_classes: 4
            chain_window_hours: 3.5
            chain_floor: 65
            criticality: 1.5
            warm_up_events: 20
            warm_up_seconds: 600
            enumeration_distinct: 8
            enumeration_window_seconds: 30
            deny_spike_count: 12
            secret_harvest_count: 3
            dormant_hours: 2160
            volume_z: 5
            volume_min_per_minute: 60
            """, source: "risk.yaml")
        #expect(c.chainClasses == 4)
        #expect(c.chainWindowHours == 3.5)
        #expect(c.chainFloor == 65)
        #expect(c.criticality == 1.5)
        #expect(c.warmUpEvents == 20)
        #expect(c.warmUpSeconds == 600)
        #expect(c.enumerationDistinct == 8)
        #expect(c.enumerationWindowSeconds == 30)
        #expect(c.denySpikeCount == 12)
        #expect(c.secretHarvestCount == 3)
        #expect(c.dormantHours == 2160)
        #expect(c.volumeZ == 5)
        #expect(c.volumeMinPerMinute == 60)
        #expect(c.weights.isEmpty && c.halfLives.isEmpty)
    }

    @Test func signalOverridesReachTheScorer() throws {
        let c = try RiskConfig.parse(yaml: """
            signals:
              deny_spike: { weight: 45, half_life_hours: 4 }
              new_network:
                weight: 0
            """, source: "risk.yaml")
        #expect(c.weight(.denySpike) == 45)
        #expect(c.halfLifeHours(.denySpike) == 4)
        #expect(c.weight(.newNetwork) == 0)
        #expect(c.halfLifeHours(.newNetwork) == Signal.newNetwork.defaultHalfLifeHours)
        #expect(c.weight(.whoami) == Signal.whoami.defaultWeight)
    }

    @Test func unknownKeysAndSignalsNameFileAndKey() {
        let signal = error("signals:\n  deny_spik: { weight: 30 }\n")
        #expect(signal?.hasPrefix("risk.yaml: signals.deny_spik: unknown signal (known: new_network, ") == true)
        #expect(signal?.contains("deny_spike") == true)
        #expect(error("chain_flor: 70\n")?.hasPrefix("risk.yaml: chain_flor: unknown key (known: chain_classes, ") == true)
        #expect(error("signals:\n  deny_spike: { wieght: 30 }\n")
            == "risk.yaml: signals.deny_spike.wieght: unknown key (known: weight, half_life_hours)")
    }

    @Test func wrongTypesAndRangesNameFileAndKey() {
        #expect(error("chain_floor: high\n") == "risk.yaml: chain_floor: must be a number from 0 to 100")
        #expect(error("chain_floor: 101\n") == "risk.yaml: chain_floor: must be a number from 0 to 100")
        #expect(error("chain_floor: \"70\"\n") == "risk.yaml: chain_floor: must be a number from 0 to 100",
                "a quoted number is a string")
        #expect(error("criticality: 3\n") == "risk.yaml: criticality: must be a number from 0.5 to 2")
        #expect(error("criticality: 0.4\n") == "risk.yaml: criticality: must be a number from 0.5 to 2")
        #expect(error("deny_spike_count: 0\n") == "risk.yaml: deny_spike_count: must be a whole number from 1 to 1000000")
        #expect(error("warm_up_events: 2.5\n") == "risk.yaml: warm_up_events: must be a whole number from 1 to 1000000")
        #expect(error("warm_up_seconds: true\n") == "risk.yaml: warm_up_seconds: must be a whole number from 1 to 31536000")
        #expect(error("chain_classes: 6\n") == "risk.yaml: chain_classes: must be a whole number from 1 to 5")
        #expect(error("volume_z: 0\n") == "risk.yaml: volume_z: must be a number greater than 0 and at most 1000")
        #expect(error("dormant_hours: [1]\n") == "risk.yaml: dormant_hours: must be a number greater than 0 and at most 87600")
        #expect(error("signals:\n  whoami: { weight: 101 }\n")
            == "risk.yaml: signals.whoami.weight: must be a number from 0 to 100")
        #expect(error("signals:\n  whoami: { weight: -1 }\n")
            == "risk.yaml: signals.whoami.weight: must be a number from 0 to 100")
        #expect(error("signals:\n  whoami: { half_life_hours: 0 }\n")
            == "risk.yaml: signals.whoami.half_life_hours: must be a number greater than 0 and at most 87600")
        #expect(error("signals:\n  whoami: 35\n")
            == "risk.yaml: signals.whoami: expected a mapping with weight and/or half_life_hours")
        #expect(error("signals:\n  used_after_revoke: { half_life_hours: 24 }\n")
            == "risk.yaml: signals.used_after_revoke.half_life_hours: markers do not decay: they stay until acknowledged")
        #expect(error("signals: [whoami]\n")
            == "risk.yaml: signals: expected a mapping of signal name: {weight, half_life_hours}")
    }

    @Test func fileLevelProblemsAreOneLine() {
        let syntax = error("chain_floor: [70\n")
        #expect(syntax?.hasPrefix("risk.yaml: invalid YAML: ") == true)
        #expect(syntax?.contains("\n") == false)
        #expect(error("- 70\n") == "risk.yaml: expected a mapping of settings (see examples/risk.yaml)")
        #expect(throws: RiskConfigError(source: "/nonexistent/risk.yaml", key: "", message: "cannot read file")) {
            try RiskConfig.load(contentsOf: "/nonexistent/risk.yaml")
        }
    }
}

/// The one-line error `RiskConfig.parse` gives for `yaml` (named `risk.yaml`), or nil when it loads.
func riskConfigError(_ yaml: String) -> String? {
    do {
        _ = try RiskConfig.parse(yaml: yaml, source: "risk.yaml")
        return nil
    } catch {
        return String(describing: error)
    }
}
