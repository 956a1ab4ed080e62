import Testing
@testable import Activity

/// Every numeric key of the risk config has a documented range; a value outside it is one
/// line naming the file and the key, never a trap later in arithmetic on event time (issue 8).
@Suite("Risk config ranges")
struct RiskConfigRangeTests {
    func error(_ yaml: String) -> String? { riskConfigError(yaml) }

    @Test(arguments: [
        ("chain_window_hours: 1e300", "risk.yaml: chain_window_hours: must be a number greater than 0 and at most 8760"),
        ("chain_window_hours: 8761", "risk.yaml: chain_window_hours: must be a number greater than 0 and at most 8760"),
        ("dormant_hours: 3000000", "risk.yaml: dormant_hours: must be a number greater than 0 and at most 87600"),
        ("warm_up_seconds: 9223372036854", "risk.yaml: warm_up_seconds: must be a whole number from 1 to 31536000"),
        ("enumeration_window_seconds: 10000000000000", "risk.yaml: enumeration_window_seconds: must be a whole number from 1 to 86400"),
        ("warm_up_events: 1000000000", "risk.yaml: warm_up_events: must be a whole number from 1 to 1000000"),
        ("enumeration_distinct: 129", "risk.yaml: enumeration_distinct: must be a whole number from 1 to 128"),
        ("deny_spike_count: 1000001", "risk.yaml: deny_spike_count: must be a whole number from 1 to 1000000"),
        ("secret_harvest_count: 100000000", "risk.yaml: secret_harvest_count: must be a whole number from 1 to 1024"),
        ("volume_z: 1001", "risk.yaml: volume_z: must be a number greater than 0 and at most 1000"),
        ("volume_min_per_minute: 1e12", "risk.yaml: volume_min_per_minute: must be a number greater than 0 and at most 1000000"),
        ("signals:\n  deny_spike: {half_life_hours: 1e308}", "risk.yaml: signals.deny_spike.half_life_hours: must be a number greater than 0 and at most 87600"),
        ("signals:\n  deny_spike: {half_life_hours: 0}", "risk.yaml: signals.deny_spike.half_life_hours: must be a number greater than 0 and at most 87600"),
    ])
    func outOfRangeValuesNameTheFileAndTheKey(yaml: String, message: String) {
        #expect(error(yaml) == message)
    }

    @Test func theUpperBoundsThemselvesAreAccepted() throws {
        let c = try RiskConfig.parse(yaml: """
            chain_window_hours: 8760
            dormant_hours: 87600
            warm_up_seconds: 31536000
            enumeration_window_seconds: 86400
            warm_up_events: 1000000
            enumeration_distinct: 128
            deny_spike_count: 1000000
            secret_harvest_count: 1024
            volume_z: 1000
            volume_min_per_minute: 1000000
            signals:
              deny_spike: {half_life_hours: 87600}
            """, source: "risk.yaml")
        #expect(c.dormantHours == 87_600 && c.warmUpSeconds == 31_536_000 && c.secretHarvestCount == 1024)
    }

    /// The largest accepted windows, in microseconds, stay far from Int64 overflow.
    @Test func theLargestWindowsFitInMicroseconds() {
        #expect(RiskConfigLimits.maxHours * 3_600_000_000 < Double(Int64.max) / 1000)
        #expect(Double(RiskConfigLimits.maxWarmUpSeconds) * 1_000_000 < Double(Int64.max) / 1000)
    }
}
