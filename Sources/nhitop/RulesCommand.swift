import Activity
import ArgumentParser
import Events
import Foundation
import Ingest
import Rules

/// `nhitop rules`: which detection rules a run would load and which it skipped, the built-in
/// catalogue as YAML to copy, or the rules tried on log files (docs/rules.md).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the detection rules that load, print the built-in catalogue, or test rules on logs.",
        discussion: """
        With no files: a table of the rules that load (id, level, tactic, source, title), one \
        `skipped` line per rule that did not load with the reason, and a count. A Sigma rule for \
        a log source nhitop does not read is skipped and counted, not an error; any other rule \
        that does not load is also named on stderr. With --risk-config, each `suppress:` entry \
        is one `muted` line.

        --json prints one object: {"rules": [{"id", "title", "source", "level", "tactic", \
        "path"}], "skipped": [{"path", "reason"}]}, rules in load order (the built-in catalogue, \
        then catalogue files, then Sigma rules by path), skipped rules by path.

        --test FILE… reads the files once, as `report` does, and prints one line per rule match: \
        `FILE:LINE  LEVEL  RULE-ID  TITLE: REASON`, then `N matches in M records of K files`. \
        With --json, one JSON object per match and nothing else (JSON lines): {"path", "line", \
        "rule": {"id", "title", "source", "level", "tactic"}, "identity", "action", "reason"}, \
        in the order the records were read, a record's matches in rule order.

        --builtin prints the built-in catalogue as YAML, to copy into a catalogue file and edit.

        Exit status 0; 1 when a file given to --test cannot be read.
        """)

    @OptionGroup var rules: RuleArguments

    @Option(help: ArgumentHelp("Add its rules:, catalogue: and suppress: (see examples/risk.yaml).",
                               valueName: "file"))
    var riskConfig: String?

    @OptionGroup var ingest: IngestArguments

    @Flag(help: "JSON instead of text (see the contracts above).")
    var json = false

    @Flag(help: "Print the built-in catalogue as YAML.")
    var builtin = false

    @Flag(help: "Read the files named and print each rule match with its file and line.")
    var test = false

    @Argument(help: "With --test: files, directories, .gz files, globs, or - for standard input.")
    var paths: [String] = []

    func validate() throws {
        if builtin && (test || json || !paths.isEmpty) {
            throw ValidationError("--builtin prints the built-in catalogue; it takes no files, --test or --json")
        }
        if test && paths.isEmpty { throw ValidationError("--test needs at least one file, directory, glob, or -") }
        if !test && !paths.isEmpty {
            throw ValidationError("files are read only with --test (nhitop rules --test FILE…)")
        }
    }

    func run() throws {
        if builtin {
            try StandardOutput.write(RuleLoader.builtinYAML)
            return
        }
        var config = RiskConfig.standard
        if let riskConfig {
            do { config = try RiskConfig.load(contentsOf: riskConfig) } catch { throw ValidationError("\(error)") }
        }
        let set = rules.load(config: config)
        if test {
            try RuleTest(set: set, options: try ingest.options(), json: json).run(paths: paths)
        } else {
            try StandardOutput.write(json ? RuleListing.json(set) : Array(RuleListing.text(set, suppressions: config.suppressions).utf8))
        }
    }
}
