import Activity
import ArgumentParser
import Events
import Foundation
import Ingest
import Reports
import Response

/// `nhitop report`: read to the end without following, then say who did what and why.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read logs to their end and report each identity's activity and risk.",
        discussion: "Exit status 0 on success; 1 when a source could not be read.")

    @Flag(help: "One JSON object (the contract scripts rely on) instead of a text table.")
    var json = false

    @Option(help: "List only the N riskiest identities.")
    var top: Int?

    @OptionGroup var ingest: IngestArguments
    @OptionGroup var risk: RiskArguments
    @OptionGroup var rules: RuleArguments

    @Option(help: ArgumentHelp(
        "Judge the logs against this ledger's revokes: each identity gains \"revocations\" with their effect (used after revoke shows in its reasons).",
        valueName: "file"))
    var ledger: String?

    @Option(help: ArgumentHelp(
        "Follow the files like the dashboard (tail -F, rotation, truncation) for this long (90s, 30m, 1h), then report; SIGINT or SIGTERM report early.",
        valueName: "duration"))
    var followFor: String?

    @Option(help: ArgumentHelp("With --follow-for: a progress line (events, malformed, RSS) on stderr this often.",
                               valueName: "seconds"))
    var statsEvery: Int64?

    @Argument(help: "Files, directories, .gz files, globs, or - for standard input.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file, directory, glob, or - for standard input") }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if let followFor, (SinceParser.duration(followFor) ?? 0) < 1 {
            throw ValidationError("--follow-for: \"\(followFor)\" is not a duration (90s, 30m, 1h)")
        }
        if let statsEvery {
            if followFor == nil { throw ValidationError("--stats-every needs --follow-for") }
            if statsEvery < 1 { throw ValidationError("--stats-every must be at least 1 second") }
        }
        if let ledger, !FileManager.default.fileExists(atPath: ledger) {
            throw ValidationError("--ledger \(ledger): no such file")
        }
    }

    func run() throws {
        var options = try ingest.options()
        // No log, replayed or followed, holds events from after now: a record dated more than a
        // day past the wall clock is flagged, as in the dashboard, even in a run of several
        // (which would otherwise confirm a jump of the stream's own time).
        options.wallClock = IngestOptions.systemClock
        let config = try risk.config()
        options.rules = rules.load(config: config).forIngest
        let alertLog = try risk.alertLog()
        var activity = ActivityAggregator(config: config)
        // Revokes are recorded before any log is read: replayed events after them are judged.
        var replay = LedgerReplay(acknowledgeQuietSeconds: ResponseConfig.empty.acknowledgeQuietSeconds)
        if let ledger {
            let opened: Ledger
            do { opened = try Ledger(path: ledger, readOnly: true) } catch { throw ValidationError("\(error)") }
            replay.apply(try opened.entries(), to: &activity)
        }
        func feed(_ event: NormalizedEvent) {
            activity.ingest(event)
            if let alertLog { alertLog.write(activity.drainAlerts()) }
        }
        let statuses = if let seconds = followFor.flatMap(SinceParser.duration) {
            FollowReport(paths: paths, options: options, seconds: seconds, statsEvery: statsEvery).run(emit: feed)
        } else {
            InputSet.readAll(paths: paths, options: options, emit: feed)
        }
        let report = Reports.Report(activity: activity, sources: statuses, top: top,
                                    revocations: ledger == nil ? nil : revocationReports(replay, activity))
        // A full disk or a closed pipe is one line on stderr and status 1 (see StandardOutput).
        try StandardOutput.write(json ? report.json() : Array(report.text().utf8))
        reportProblems(statuses)
        // Alerts that never reached --alerts make the run a failure, said in one line.
        if let problem = alertLog?.problem { throw AlertLogError(message: problem) }
    }
}

/// Each identity's revokes from the ledger, with what the stream says about each now.
func revocationReports(_ replay: LedgerReplay, _ activity: ActivityAggregator) -> [String: [RevocationReport]] {
    var out: [String: [RevocationReport]] = [:]
    for identity in Set(replay.rows.filter { $0.action == .revoke }.map(\.identity)).sorted() {
        // Only revoked identities are asked, not every row again.
        let status = activity.revocationStatus(for: identity)
        out[identity] = replay.revokes(of: identity).map { r, undone in
            var effect = "not_in_force"
            if !undone, r.outcome.takesEffect, let s = status, s.revocation.actionID == r.actionID {
                effect = RevocationReport.effectWord(s.state)
            }
            return RevocationReport(time: r.time, operatorName: r.operatorInfo.name, reason: r.reason, hook: r.hook,
                                    status: undone ? "undone" : r.outcome.rawValue, effect: effect)
        }
    }
    return out
}

/// `nhitop export`: one identity's events in time order.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one identity's normalized events in time order: the evidence of what it did.")

    @Option(help: "The identity, exactly as report shows it.")
    var identity: String

    @Option(help: "jsonl (nhitop's own event format, readable by nhitop) or csv.")
    var format: ExportFormat = .jsonl

    @OptionGroup var ingest: IngestArguments

    @Argument(help: "Files, directories, .gz files, globs, or - for standard input.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file, directory, glob, or - for standard input") }
    }

    func run() throws {
        let options = try ingest.options()
        var events: [NormalizedEvent] = []
        let statuses = InputSet.readAll(paths: paths, options: options) { if $0.identity == identity { events.append($0) } }
        var out = Data()
        switch format {
        case .jsonl:
            for e in EventExport.sorted(events) { out.append(contentsOf: EventExport.jsonLine(e)) }
        case .csv:
            out.append(contentsOf: (EventExport.csvHeader + "\r\n").utf8)
            for e in EventExport.sorted(events) { out.append(contentsOf: EventExport.csvLine(e).utf8) }
        }
        try StandardOutput.write(Array(out))
        if events.isEmpty {
            StandardError.write("nhitop export: no events for identity \"\(DisplaySafe.text(identity))\"\n")
        }
        reportProblems(statuses)
    }
}

extension ExportFormat: ExpressibleByArgument {}

/// Sources that failed are named on stderr, one line each, and make the exit status 1;
/// malformed records are counted in the output, not treated as failure.
func reportProblems(_ statuses: [SourceStatus]) {
    let failed = statuses.filter { $0.state == .failed }
    for s in failed {
        StandardError.write("nhitop: \(DisplaySafe.text(s.message.isEmpty ? s.name : s.message))\n")
    }
    if !failed.isEmpty { Foundation.exit(1) }
}
