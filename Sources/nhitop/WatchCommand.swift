import ArgumentParser
import Dashboard
import Events
import Foundation
import Ingest
import Response
import TerminalBackend

/// The dashboard: `nhitop --demo`, `nhitop PATH...`, `cmd | nhitop -`.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Show the live dashboard (the default command).")

    @Argument(help: "Files to follow like tail -F, directories and .gz files to read once, globs (quoted, re-checked every second), or - for standard input.")
    var paths: [String] = []

    @OptionGroup var ingest: IngestArguments
    @OptionGroup var risk: RiskArguments
    @OptionGroup var rules: RuleArguments
    @OptionGroup var response: ResponseArguments

    @Flag(help: "Show built-in live demo traffic (an incident every few minutes). Unless --risk-config says otherwise, the demo learns baselines in 5 minutes instead of 30, so novelty shows at once.")
    var demo = false

    @Option(help: "Demo: seed of the traffic generator.")
    var seed: UInt64 = 1

    @Option(help: "Demo: seconds between incidents.")
    var incidentEvery: Int64 = 180

    @Option(help: "Theme name (default, high-contrast, mono, light) or path to a YAML theme file; T cycles through them.")
    var theme = "default"

    @Flag(help: "No colour (also when NO_COLOR is set).")
    var noColor = false

    @Flag(help: "ASCII borders and glyphs instead of Unicode box drawing.")
    var ascii = false

    func validate() throws {
        if !demo && paths.isEmpty {
            throw ValidationError("name files to follow, - for standard input, or --demo for built-in traffic")
        }
        if paths.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input (-) can be named only once")
        }
        if incidentEvery < 10 {
            throw ValidationError("--incident-every must be at least 10 seconds")
        }
    }

    func run() throws {
        // First: an output that cannot show the dashboard is refused before anything is
        // loaded, opened or printed.
        do { try CursesTerminal.checkCanDraw() } catch let error as TerminalError { throw Self.refuse(error) }
        let loadedTheme: Theme
        do {
            loadedTheme = try ThemeLocator.load(theme)
        } catch {
            throw ValidationError("\(error)")
        }
        var config = try risk.config()
        var options = try ingest.options()
        // Following live: records dated more than a day ahead of now are flagged, not trusted.
        options.wallClock = IngestOptions.systemClock
        // Loaded before the terminal is taken: a rule that fails is a line left on stderr, and counted in the header.
        let ruleSet = rules.load(config: config)
        options.rules = ruleSet.forIngest
        var demoSources: [InputSource] = []
        if demo {
            let now = EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
            demoSources.append(.demo(seed: seed, start: now, incidentEvery: incidentEvery, options: options))
        }
        let inputs = InputSet(sources: demoSources, paths: paths, options: options)
        var terminalOptions = TerminalOptions()
        terminalOptions.color = !noColor && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        terminalOptions.keysFromTTY = paths.contains("-")
        var renderOptions = RenderOptions()
        renderOptions.ascii = ascii
        renderOptions.rulesFailed = ruleSet.failed.count

        if demo && risk.riskConfig == nil {
            // The demo backfills ten minutes; a 30-minute warm-up would mute novelty for its first half hour.
            config.warmUpSeconds = 300
            config.warmUpEvents = 20
        }
        let responseConfig = try response.loadConfig()
        let ledgerPath = try response.ledgerPath(config: responseConfig, demo: demo)
        // Read-only opens an existing ledger read-only (others' revokes still show); a missing one
        // is created empty so that it can be polled.
        let readOnlyLedger = responseConfig.readOnly && FileManager.default.fileExists(atPath: ledgerPath)
        let executor = ResponseExecutor(ledger: try response.openLedger(ledgerPath, readOnly: readOnlyLedger),
                                        config: responseConfig,
                                        operatorInfo: OperatorInfo.current(),
                                        denylistPath: response.denylistPath(config: responseConfig, ledgerPath: ledgerPath))
        var session = LiveSession(inputs: inputs, config: config, alertLog: try risk.alertLog(), executor: executor,
                                  theme: loadedTheme, renderOptions: renderOptions, terminalOptions: terminalOptions)
        let code: Int32
        do {
            code = try session.run()
        } catch let error as TerminalError {
            throw Self.refuse(error)
        }
        if code != 0 { throw ExitCode(code) }
    }

    /// This output cannot show the dashboard (not a terminal, TERM=dumb, an unknown type): one
    /// line and status 2, not a usage error with its help text. TERM comes from the
    /// environment, so the line is made display-safe.
    static func refuse(_ error: TerminalError) -> ExitCode {
        StandardError.write("nhitop: \(DisplaySafe.text(error.description))\n")
        return ExitCode(2)
    }
}
