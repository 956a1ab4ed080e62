import Activity
import Events
import Ingest
import Rules

/// The screens' data, made the way the program makes it: the built-in demo traffic (seeded,
/// from a fixed start) read through Ingest with the built-in rule catalogue, folded by the
/// real `ActivityAggregator` with the settings `nhitop --demo` uses. No hand-made rows: a
/// score and its reasons on a golden are what the model says about these events.
enum DemoReplay {
    /// 2026-11-29 14:20:00 UTC: the demo backfills the ten minutes before it.
    static let start = EventTime(seconds: CivilTime(year: 2026, month: 11, day: 29, hour: 14, minute: 20, second: 0).epochSeconds)

    /// The aggregator after the backfill and `liveSeconds` of live traffic.
    static func aggregator(seed: UInt64 = 1, liveSeconds: Int64 = 90) -> ActivityAggregator {
        replay(seed: seed, liveSeconds: liveSeconds).0
    }

    /// The aggregator and the demo source's status (what the header shows) after the replay.
    static func replay(seed: UInt64 = 1, liveSeconds: Int64 = 90) -> (ActivityAggregator, SourceStatus) {
        var config = RiskConfig.standard
        // As `nhitop --demo`: baselines learned in 5 minutes, so novelty shows during the backfill.
        config.warmUpSeconds = 300
        config.warmUpEvents = 20
        var options = IngestOptions()
        options.rules = RuleLoader.load(builtin: true, catalogueFiles: [], sigmaPaths: []).forIngestRules
        var source = InputSource.demo(seed: seed, start: start, incidentEvery: 180, options: options)
        var aggregator = ActivityAggregator(config: config)
        // One pump per second of wall time, as the live loop's ticks would give.
        for s in stride(from: Int64(0), through: liveSeconds, by: 1) {
            while source.pump(maxBytes: 1 << 20, now: start.adding(seconds: s), emit: { aggregator.ingest($0) }) > 0 {}
        }
        return (aggregator, source.status)
    }

    /// Built once per test process: every fixture reads the same picture.
    /// A value never mutated after it is built, so sharing it across test tasks is safe.
    nonisolated(unsafe) static let standardReplay: (ActivityAggregator, SourceStatus) = replay()
    static var standard: ActivityAggregator { standardReplay.0 }
    static var standardSource: SourceStatus { standardReplay.1 }
}

extension RuleSet {
    /// nil when no rule loaded, as the commands pass it to Ingest.
    var forIngestRules: RuleSet? { rules.isEmpty ? nil : self }
}
