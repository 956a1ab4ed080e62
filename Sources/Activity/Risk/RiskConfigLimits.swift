/// The documented range of every numeric key of the risk config (`RiskConfig.load`).
///
/// Hours and seconds become microseconds of event time: without an upper bound a value like
/// `dormant_hours: 1e300` traps when it is converted. Each bound is also where a larger value
/// stops meaning anything: a window longer than a year, a count the detector's bounded
/// memory can never reach.
public enum RiskConfigLimits {
    /// `chain_window_hours`: up to a year.
    public static let maxChainWindowHours = 8760.0
    /// `dormant_hours` and `signals.*.half_life_hours`: up to ten years. Evidence with a
    /// longer half-life does not decay in any period nhitop is run for.
    public static let maxHours = 87_600.0
    /// `warm_up_seconds`: up to a year of event time.
    public static let maxWarmUpSeconds = 31_536_000
    /// `enumeration_window_seconds`: up to a day; the detector keeps at most
    /// `SignalDetector.enumerationRingCapacity` entries of it.
    public static let maxEnumerationWindowSeconds = 86_400
    /// `warm_up_events`, `deny_spike_count`: a million; beyond that novelty never speaks.
    public static let maxCount = 1_000_000
    /// `enumeration_distinct`: the detector remembers this many distinct new reads at most.
    public static var maxEnumerationDistinct: Int { SignalDetector.enumerationRingCapacity }
    /// `secret_harvest_count`: the detector learns this many distinct secrets at most, and
    /// the harvest window keeps `max(64, secret_harvest_count)` entries per identity.
    public static var maxSecretHarvestCount: Int { SignalDetector.secretCapacity }
    /// `volume_z`: a thousand standard deviations is already "never".
    public static let maxVolumeZ = 1000.0
    /// `volume_min_per_minute`: a million events a minute from one identity.
    public static let maxVolumePerMinute = 1_000_000.0
}
