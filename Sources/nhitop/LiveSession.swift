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
        // Enter on a timeline line: the record is read back off this thread.
        let records = RecordReads()
        // `T` steps through these, loaded now so a keypress never reads a file.
        let themes = ThemeLocator.cycle(startingWith: theme)
        // The revocations pane's rows, as last drawn: keys act on what was shown.
        var shownRevocations: [RevocationEntry] = []
        var drawnTheme = theme
        // What the operator sees: keys act on this picture, not on one they have not seen yet.
        var shown = ActivitySnapshot.empty
        var shownQuery = state.query
        var dirty = true
        var lastFrame = Date.distantPast
        let frameInterval = 1.0 / maxFPS
        // New events alone redraw at most 5 times a second (a busy feed would otherwise send
        // the terminal a new screen 15 times a second); a key, a resize or an answer redraws
        // at once, up to maxFPS.
        let dataFrameInterval = max(frameInterval, 0.2)
        var urgent = true

        // Set when asked to leave while a hook runs: its result must reach the ledger first
        // (its timeout bounds the wait).
        var pendingExit: Int32?
        // How long the next key read may block (`nextWait`).
        var waitMs = Self.busyWaitMs
        // What the last frame showed besides the snapshot: unchanged, nothing is redrawn.
        var drawnState: AppState?
        var drawnStatuses: [SourceStatus] = []
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
            if let key = terminal.readKey(timeoutMs: waitMs) {
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
            msgs += records.drain()
            if let progress = response.progress(now: Date()) { msgs.append(progress) }
            for msg in msgs {
                // Keys act on what was shown; but a key after one that changed the filter or the
                // order (faster than a frame) must see the rows that change made, or `n` would jump
                // among the previous search's matches.
                if state.query != shownQuery {
                    shown = frameSnapshot(state, &aggregator)
                    shownQuery = state.query
                }
                if dispatch(msg, &state, &response, records: records, themes: themes, aggregator: aggregator,
                            shown: shown, revocations: shownRevocations) {
                    // A second quit while waiting leaves at once.
                    if let code = pendingExit { return code }
                    pendingExit = 0
                }
                dirty = true
            }
            // 2. Ingest, bounded per tick.
            let now = EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
            let read = inputs.pump(maxBytes: ingestBudget, now: now, emit: { aggregator.ingest($0) })
            if read > 0 { dirty = true }
            if let alertLog { alertLog.write(aggregator.drainAlerts()) }
            let active = read > 0 || !msgs.isEmpty || changed || response.isRunning || pendingExit != nil
            waitMs = Self.nextWait(after: waitMs, read: read, budget: ingestBudget, active: active)
            // 3. Draw at a capped rate, and only when something changed. Ages count from event
            // time, so with no events, keys, posts or source changes the picture is the same.
            let statuses = inputs.statuses
            let stateChanged = state != drawnState
            if stateChanged || statuses != drawnStatuses { dirty = true }
            if stateChanged || !msgs.isEmpty || changed { urgent = true }
            let wall = Date()
            let untilFrame = (urgent ? frameInterval : dataFrameInterval) - wall.timeIntervalSince(lastFrame)
            if dirty && untilFrame > 0 { waitMs = min(waitMs, Int32(untilFrame * 1000) + 1) }
            guard dirty, untilFrame <= 0 else { continue }
            var snapshot = frameSnapshot(state, &aggregator)
            // Few rows (one per revoke in the ledger, the newest 500): cheap enough for every frame.
            let revocations = revocationEntries(replay: response.replay, aggregator: aggregator)
            let (next, effects) = update(state, .tick, context: UpdateContext(snapshot: snapshot, revocations: revocations))
            state = next
            // Every data tick passes on the clock; effects of a tick (a selection change) need no answer.
            if effects.contains(where: { if case .selectIdentity = $0 { true } else { false } }) {
                snapshot = frameSnapshot(state, &aggregator)
            }
            let size = terminal.size
            let buffer = renderDashboard(snapshot: snapshot, sources: statuses, state: state,
                                         width: size.width, height: size.height, options: renderOptions,
                                         revocations: revocations)
            // A new theme changes no cell, only how each is drawn: repaint them all.
            if theme != drawnTheme { terminal.invalidate() }
            terminal.present(buffer, theme: theme)
            drawnTheme = theme
            shown = snapshot
            shownQuery = state.query
            shownRevocations = revocations
            lastFrame = wall
            dirty = false
            urgent = false
            drawnState = state
            drawnStatuses = statuses
        }
    }

    /// How long the next key read may block: nothing while a backlog remains, 30 ms while
    /// anything moves, doubling up to 250 ms while nothing does. A key still answers at
    /// once (wget_wch returns as soon as one is there); new lines in a quiet file wait at
    /// most that long, and so do Ctrl-C and other processes' ledger rows.
    static let busyWaitMs: Int32 = 30, maxIdleWaitMs: Int32 = 250

    /// The wait after one that lasted `previous` ms (see `busyWaitMs`). Idle doubling starts
    /// from at least the busy wait: from 0 (a backlog that ended exactly on the budget) or a
    /// wait cut short for a frame, plain doubling stays at or near 0, a loop spinning a core.
    static func nextWait(after previous: Int32, read: Int, budget: Int, active: Bool) -> Int32 {
        if read >= budget { return 0 }
        if active { return busyWaitMs }
        return min(maxIdleWaitMs, max(busyWaitMs, previous * 2))
    }

    /// The picture for one frame: what the state's filter, order and open views ask for. The
    /// identity view keeps its identity's long timeline (`pin`) while it is open.
    private func frameSnapshot(_ state: AppState, _ aggregator: inout ActivityAggregator) -> ActivitySnapshot {
        let viewed = state.identityView?.identity
        aggregator.pin(viewed)
        return aggregator.snapshot(query: state.query, detailFor: viewed ?? state.selectedIdentity, feedLimit: feedLimit)
    }

    /// Feeds one message to `update`, answers its effects (plans, runs) and feeds the answers
    /// back, bubbletea-style. Returns true when the operator asked to quit.
    private mutating func dispatch(_ msg: Msg, _ state: inout AppState, _ response: inout LiveResponse,
                                   records: RecordReads, themes: [Theme], aggregator: ActivityAggregator,
                                   shown: ActivitySnapshot, revocations: [RevocationEntry]) -> Bool {
        var queue = [msg]
        let context = UpdateContext(snapshot: shown, revocations: revocations)
        while !queue.isEmpty {
            let (next, effects) = update(state, queue.removeFirst(), context: context)
            state = next
            for effect in effects {
                switch effect {
                case .quit:
                    return true
                case .readRecord(let origin):
                    queue.append(records.request(origin))
                case .cycleTheme:
                    theme = ThemeLocator.next(after: theme, in: themes)
                    queue.append(.themeChanged(name: theme.name))
                default:
                    queue += response.handle(effect, aggregator: aggregator)
                }
            }
        }
        return false
    }
}
