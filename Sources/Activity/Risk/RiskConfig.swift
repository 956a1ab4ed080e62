/// Weights, half-lives and thresholds of the risk model. The defaults need no tuning for
/// typical traffic; a YAML file can override any of them (`RiskConfig.load`).
public struct RiskConfig: Hashable, Sendable {
    /// Per-signal overrides of `Signal.defaultWeight` and `defaultHalfLifeHours`.
    public var weights: [Signal: Double] = [:]
    public var halfLives: [Signal: Double] = [:]
    /// Attack-chain floor: this many distinct classes within the window lift the score to `chainFloor`.
    public var chainClasses = 3
    public var chainWindowHours = 6.0
    public var chainFloor = 70.0
    /// Criticality `m` for every identity (0.5…2); inventory-driven values come later.
    public var criticality = 1.0

    // Baseline and detector thresholds.
    /// Novelty is muted until an identity has this many events…
    public var warmUpEvents = 50
    /// …and has been watched this long (seconds of event time).
    public var warmUpSeconds: Int64 = 1800
    /// S7: distinct list/describe/get actions within `enumerationWindowSeconds`.
    public var enumerationDistinct = 6
    public var enumerationWindowSeconds: Int64 = 60
    /// S8: denies within 10 minutes that count as a spike whatever the baseline.
    public var denySpikeCount = 10
    /// S9: distinct new secrets within 15 minutes that count as a harvest, warm-up or not.
    public var secretHarvestCount = 5
    /// S14: silence longer than this, in hours, then activity.
    public var dormantHours = 24.0 * 30
    /// S16: z-score of the per-minute rate against its EWMA baseline, and the minimum rate.
    public var volumeZ = 4.0
    public var volumeMinPerMinute = 30.0

    // Rules (the built-in catalogue and Sigma): loaded by the command line, listed here so one
    // config file holds them. Relative paths are resolved against the config file's folder.
    /// `rules:` Sigma rule files or folders, added to `--rules`.
    public var rulePaths: [String] = []
    /// `catalogue:` catalogue files that extend or override the built-in one, added to `--catalogue`.
    public var cataloguePaths: [String] = []
    /// `suppress:` rules and signals muted for identity patterns.
    public var suppressions: [Suppression] = []

    public init() {}

    public static let standard = RiskConfig()

    public func weight(_ s: Signal) -> Double { weights[s] ?? s.defaultWeight }
    public func halfLifeHours(_ s: Signal) -> Double { halfLives[s] ?? s.defaultHalfLifeHours }
}
