import Activity
import ArgumentParser
import Events
import Rules

/// Detection rules, shared by the dashboard, `report` and `rules`: the built-in catalogue,
/// catalogue files and Sigma rules, from these flags and the risk config (docs/rules.md).
struct RuleArguments: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "Sigma rule files or folders (searched recursively); rules for other log sources are skipped. Repeatable; adds to rules: in the risk config.",
        valueName: "path"))
    var sigmaPaths: [String] = []

    @Option(name: .customLong("catalogue"), help: ArgumentHelp(
        "A catalogue file that adds rules, replaces a built-in one by its id, or turns one off (see docs/rules.md). Repeatable; after catalogue: in the risk config.",
        valueName: "file"))
    var catalogueFiles: [String] = []

    @Flag(help: "Leave out the built-in catalogue (only --catalogue and --rules load).")
    var noBuiltinRules = false

    /// The rules of this run: the config's paths first, then the flags' (a later catalogue
    /// entry replaces an earlier one with its id). A rule that did not load is one line on
    /// stderr; a Sigma rule for a log source nhitop does not read is not a problem, only counted.
    func load(config: RiskConfig) -> RuleSet {
        let set = RuleLoader.load(builtin: !noBuiltinRules,
                                  catalogueFiles: config.cataloguePaths + catalogueFiles,
                                  sigmaPaths: config.rulePaths + sigmaPaths)
        for s in set.failed {
            StandardError.write("nhitop: rule not loaded: \(DisplaySafe.text(s.path)): \(DisplaySafe.text(s.reason))\n")
        }
        return set
    }
}

extension RuleSet {
    /// Skipped rules that are a problem (unsupported or invalid), not another log source's.
    var failed: [SkippedRule] { skipped.filter { $0.kind != .otherLogsource } }

    /// For `IngestOptions.rules`: nil when nothing loaded, so records skip the rules entirely.
    var forIngest: RuleSet? { isEmpty ? nil : self }
}
