import Activity
import Foundation
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
                                  catalogueFiles: Self.once(config.cataloguePaths + catalogueFiles),
                                  sigmaPaths: Self.once(config.rulePaths + sigmaPaths))
        for s in set.failed {
            StandardError.write("nhitop: rule not loaded: \(DisplaySafe.text(s.path)): \(DisplaySafe.text(s.reason))\n")
        }
        // A misspelt id in `suppress:` would mute nothing, silently.
        let loaded = Set(set.rules.map(\.id))
        for s in config.suppressions {
            if case .rule(let id) = s.target, !loaded.contains(id) {
                StandardError.write("nhitop: suppress: rule \(DisplaySafe.text(id)) is not loaded; it mutes nothing\n")
            }
        }
        return set
    }

    /// Each path once, by its real location: the same folder named in `rules:` and by `--rules`
    /// (one absolute, one relative) must not load every rule twice and double each match.
    static func once(_ paths: [String]) -> [String] {
        var seen: Set<String> = []
        return paths.filter { path in
            let key = realpath(path, nil).map { p in defer { free(p) }; return String(cString: p) } ?? path
            return seen.insert(key).inserted
        }
    }
}

extension RuleSet {
    /// Skipped rules that are a problem (unsupported or invalid), not another log source's.
    var failed: [SkippedRule] { skipped.filter { $0.kind != .otherLogsource } }

    /// For `IngestOptions.rules`: nil when nothing loaded, so records skip the rules entirely.
    var forIngest: RuleSet? { isEmpty ? nil : self }
}
