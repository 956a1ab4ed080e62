import Activity
import Dashboard
import Events
import Foundation
import Ingest
import Response
import TerminalBackend

/// The dashboard's one-way loop, on one thread: read a key → update the state →
/// pump the sources a bounded amount → fold events into the activity → render a pure
/// buffer → present only what changed. Nothing here blocks for more than a tick.
struct LiveSession {
    var inputs: InputSet
    var config: RiskConfig
    /// `--alerts FILE`, written as alerts happen.
    var alertLog: AlertLog?
    /// Revoke, undo and acknowledge: the config, the ledger and the hooks' executor.
    var executor: ResponseExecutor
    var theme: Theme
    var renderOptions: RenderOptions
    var terminalOptions: TerminalOptions
    /// Bytes read per tick across all inputs: keeps keys responsive during a huge backfill.
    var ingestBudget = 4 << 20
    /// At most this many frames per second; nothing is drawn when nothing changed.
    var maxFPS = 15.0
    var feedLimit = 400

    /// Runs until `q` or a signal; returns the process exit code.
    mutating func run() throws -> Int32 {
        var aggregator = ActivityAggregator(config: config)
        // The ledger is read before the terminal is taken, so a broken one is a plain error.
        var response = try LiveResponse(executor: executor, aggregator: &aggregator)
        defer { response.stop() }
        let signals = ExitSignals()
        defer { signals.cancel() }
        let terminal = try CursesTerminal(options: terminalOptions)
        defer { terminal.restore() }
        if !terminal.utf8 { renderOptions.ascii = true }
        renderOptions.readOnly = executor.config.readOnly

        var state = AppState(width: terminal.size.width, height: terminal.size.height)
        state.readOnly = executor.config.readOnly
        // What the operator sees: keys act on this picture, not on one they have not seen yet.
        var shown = ActivitySnapshot.empty
        var dirty = true
        var lastFrame = Date.distantPast
        let frameInterval = 1.0 / maxFPS

        // Set when asked to leave while a hook runs: its result must reach the ledger first
        // (its timeout bounds the wait).
        var pendingExit: Int32?
        while true {
            if let sig = signals.pending, pendingExit == nil {
                // Ctrl-C is an ordinary way to leave a TUI; TERM and HUP report the signal.
                pendingExit = sig == SIGINT ? 0 : 128 + sig
            }
            if let code = pendingExit {
                if !response.isRunning { return code }
                state.status = "quitting when the running hook ends; q again leaves now, unrecorded"
            } else {
                // A response problem first; then alerts lost to a failing --alerts file.
                state.status = response.problem ?? alertLog?.problem
            }
            // 1. Input (the timeout is the loop's idle tick), then what the background side
            // posted: hook results, rows other nhitop processes wrote, progress while a hook runs.
            var msgs: [Msg] = []
            if let key = terminal.readKey(timeoutMs: 30) {
                if key == .resize {
                    terminal.invalidate()
                    msgs.append(.resize(width: terminal.size.width, height: terminal.size.height))
                } else {
                    msgs.append(.key(key))
                }
            }
            let (answers, changed) = response.drain(into: &aggregator)
            if changed { dirty = true }
            msgs += answers
            if let progress = response.progress(now: Date()) { msgs.append(progress) }
            for msg in msgs {
                if dispatch(msg, &state, &response, aggregator: aggregator, shown: shown) {
                    // A second quit while waiting leaves at once.
                    if let code = pendingExit { return code }
                    pendingExit = 0
                }
                dirty = true
            }
            // 2. Ingest, bounded per tick.
            let now = EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
            if inputs.pump(maxBytes: ingestBudget, now: now, emit: { aggregator.ingest($0) }) > 0 { dirty = true }
            if let alertLog { alertLog.write(aggregator.drainAlerts()) }
            // 3. Draw at a capped rate, and at least once a second so ages and source states stay true.
            let wall = Date()
            let sinceFrame = wall.timeIntervalSince(lastFrame)
            guard sinceFrame >= frameInterval, dirty || sinceFrame >= 1 else { continue }
            var snapshot = aggregator.snapshot(detailFor: state.selectedIdentity, feedLimit: feedLimit)
            let (next, effects) = update(state, .tick, context: UpdateContext(snapshot: snapshot))
            state = next
            // Every data tick passes on the clock; effects of a tick (a selection change) need no answer.
            for case let .selectIdentity(name?) in effects where name != snapshot.detail?.row.identity {
                snapshot.detail = aggregator.detail(for: name)
            }
            let size = terminal.size
            let buffer = renderDashboard(snapshot: snapshot, sources: inputs.statuses, state: state,
                                         width: size.width, height: size.height, options: renderOptions)
            terminal.present(buffer, theme: theme)
            shown = snapshot
            lastFrame = wall
            dirty = false
        }
    }

    /// Feeds one message to `update`, answers its effects (plans, runs) and feeds the answers
    /// back, bubbletea-style. Returns true when the operator asked to quit.
    private func dispatch(_ msg: Msg, _ state: inout AppState, _ response: inout LiveResponse,
                          aggregator: ActivityAggregator, shown: ActivitySnapshot) -> Bool {
        var queue = [msg]
        while !queue.isEmpty {
            let (next, effects) = update(state, queue.removeFirst(), context: UpdateContext(snapshot: shown))
            state = next
            for effect in effects {
                if effect == .quit { return true }
                queue += response.handle(effect, aggregator: aggregator)
            }
        }
        return false
    }
}
