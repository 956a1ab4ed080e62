import Activity
import Dashboard
import Events
import Foundation
import Ingest
import Response
import TerminalBackend

/// The dashboard on two threads, one way. The ingest worker (`IngestWorker`) owns the inputs
/// and the aggregator and publishes a `FramePicture` for the view the UI asked for. The UI
/// thread (this loop) reads keys → updates the state → sends the worker the view it needs
/// and the effects that need the aggregator → renders the latest picture into a pure buffer
/// → presents only what changed. It never reads a source or waits on a file, a hook or a
/// socket: the backfill of gigabytes goes on beside it while keys are answered.
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
    /// At most this many frames per second; nothing is drawn when nothing changed.
    var maxFPS = IngestWorker.maxFPS
    var feedLimit = 400
    /// A key after one that changed the filter, the order or an open view, or after one
    /// waiting for a plan, waits at most this long for the worker's answer before it acts on
    /// what is shown (a worker stuck in one slice must not freeze the keyboard).
    var holdLimitMicros: UInt64 = 1_000_000
    /// A state waiting for its picture is drawn on the old one after this long, so the
    /// cursor moves even when the worker is slow; the picture replaces it when it arrives.
    var drawLimitMicros: UInt64 = 250_000

    /// Runs until `q` or a signal; returns the process exit code.
    mutating func run() throws -> Int32 {
        let startedAt = Monotonic.micros()
        let latency = LatencyLog.fromEnvironment()
        var aggregator = ActivityAggregator(config: config)
        // The ledger is read before the terminal is taken, so a broken one is a plain error.
        let response = try LiveResponse(executor: executor, aggregator: &aggregator)
        let signals = ExitSignals()
        defer { signals.cancel() }
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(options: terminalOptions)
        } catch {
            response.stop()
            throw error
        }
        defer { terminal.restore() }
        if !terminal.utf8 { renderOptions.ascii = true }
        renderOptions.readOnly = executor.config.readOnly
        guard let wake = WakePipe() else {
            response.stop()
            throw TerminalError.cannotOpen("cannot create a pipe: \(String(cString: strerror(errno)))")
        }

        // The inputs move to the worker whole: a copy left here would make its first read
        // copy the read buffers.
        var moved = InputSet(paths: [], options: inputs.options)
        swap(&moved, &inputs)
        let engine = IngestEngine(inputs: moved, aggregator: consume aggregator, response: response,
                                  alertLog: alertLog, feedLimit: feedLimit)
        alertLog = nil  // the worker's now
        let worker = IngestWorker(engine: engine, latency: latency, startedAt: startedAt, notifyUI: wake.notify)
        worker.start()
        // Declared after the terminal's: the worker stops and joins before the terminal is restored.
        defer { worker.stop() }

        // Keys are polled beside the wake pipe; ncurses reads them (`readKey(timeoutMs: 0)`).
        var keysFD: Int32? = terminalOptions.keysFromTTY ? open("/dev/tty", O_RDONLY | O_CLOEXEC | O_NONBLOCK) : 0
        if keysFD == -1 { keysFD = nil }
        defer { if let fd = keysFD, fd > 0 { close(fd) } }

        var loop = UILoop(state: AppState(width: terminal.size.width, height: terminal.size.height),
                          holdLimit: holdLimitMicros, drawLimit: drawLimitMicros)
        loop.state.readOnly = executor.config.readOnly
        loop.measuresKeys = latency != nil
        loop.ask(worker.request, now: Monotonic.micros())
        // Enter on a timeline line: the record is read back off this thread.
        let records = RecordReads(onAnswer: wake.notify)
        // `T` steps through these, loaded now so a keypress never reads a file.
        let themes = ThemeLocator.cycle(startingWith: theme)
        var drawnTheme = theme
        let frameMicros = UInt64(1_000_000 / maxFPS)
        var lastFrame: UInt64 = 0
        // Set when asked to leave while a hook runs: its result must reach the ledger first
        // (its timeout bounds the wait).
        var pendingExit: Int32?
        var timeoutMs: Int32 = 0
        while true {
            if let sig = signals.pending, pendingExit == nil {
                // Ctrl-C is an ordinary way to leave a TUI; TERM and HUP report the signal.
                pendingExit = sig == SIGINT ? 0 : 128 + sig
            }
            if let code = pendingExit {
                if !loop.exitWaits { return code }
                loop.state.status = "quitting when the running hook ends; q again leaves now, unrecorded"
            } else {
                // A response problem first; then alerts lost to a failing --alerts file.
                loop.state.status = loop.status.problem
            }

            // 1. Sleep until a key, a picture, an answer or the timeout (the idle tick, which
            // also bounds how late a signal is seen). Then take all of them.
            let woken = wake.wait(keys: keysFD, timeoutMs: timeoutMs)
            if woken.keysBroken, let fd = keysFD {
                // A hung-up terminal polls readable forever: keys are still tried every tick.
                if fd > 0 { close(fd) }
                keysFD = nil
            }
            var now = Monotonic.micros()
            var keys = 0
            while keys < 256, let key = terminal.readKey(timeoutMs: 0) {
                keys += 1
                if key == .resize {
                    terminal.invalidate()
                    loop.queue.append((.resize(width: terminal.size.width, height: terminal.size.height), 0))
                } else {
                    loop.queue.append((.key(key), now))
                }
            }
            let (answers, status) = worker.takeAnswers()
            loop.status = status
            loop.receive(answers + records.drain())
            loop.take(worker.picture(after: loop.current.sequence))

            // 2. Messages in order; a key waits while the picture it must act on is not here.
            now = Monotonic.micros()
            while let msg = loop.nextMessage(now: now) {
                if dispatch(msg, &loop, worker: worker, records: records, themes: themes) {
                    // A second quit while waiting leaves at once.
                    if let code = pendingExit { return code }
                    pendingExit = 0
                    if !loop.exitWaits { return 0 }
                }
                loop.ask(worker.request, now: now)
            }
            loop.ask(worker.request, now: now)

            // 3. Draw at a capped rate, when something changed and the picture fits the state.
            var untilFrame = Int64(lastFrame &+ frameMicros) - Int64(now)
            if loop.mustDraw(now: now), untilFrame <= 0 {
                let t0 = Monotonic.micros()
                let size = terminal.size
                let picture = loop.current
                let buffer = renderDashboard(snapshot: picture.snapshot, sources: picture.statuses, state: loop.state,
                                             width: size.width, height: size.height, options: renderOptions,
                                             revocations: picture.revocations)
                // A new theme changes no cell, only how each is drawn: repaint them all.
                if theme != drawnTheme { terminal.invalidate() }
                terminal.present(buffer, theme: theme)
                drawnTheme = theme
                let t1 = Monotonic.micros()
                loop.drew(at: t1, latency: latency, took: t1 - t0)
                lastFrame = t0
                untilFrame = Int64(frameMicros)
            }
            timeoutMs = loop.timeoutMs(now: Monotonic.micros(), untilFrame: untilFrame)
        }
    }

    /// How long the ingest worker sleeps between pumps: nothing while a backlog remains, 30 ms
    /// while anything moves, doubling up to 250 ms while nothing does. New lines in a quiet
    /// file wait at most that long. The UI thread sleeps at most `maxIdleWaitMs` too (a
    /// signal is seen that late at worst); a key or a picture wakes it at once.
    static let busyWaitMs: Int32 = 30, maxIdleWaitMs: Int32 = 250

    /// The wait after one that lasted `previous` ms (see `busyWaitMs`). Idle doubling starts
    /// from at least the busy wait: from 0 (a backlog that ended exactly on the budget) or a
    /// wait cut short for a frame, plain doubling stays at or near 0, a loop spinning a core.
    static func nextWait(after previous: Int32, read: Int, budget: Int, active: Bool) -> Int32 {
        if read >= budget { return 0 }
        if active { return busyWaitMs }
        return min(maxIdleWaitMs, max(busyWaitMs, previous * 2))
    }

    /// Feeds one message to `update` and answers its effects, bubbletea-style: the UI's own
    /// at once (a record read, a theme), the aggregator's through the worker (their answers
    /// arrive as messages on a later turn). Returns true when the operator asked to quit.
    private mutating func dispatch(_ msg: Msg, _ loop: inout UILoop, worker: IngestWorker,
                                   records: RecordReads, themes: [Theme]) -> Bool {
        var queue = [msg]
        let context = loop.context
        while !queue.isEmpty {
            let (next, effects) = update(loop.state, queue.removeFirst(), context: context)
            loop.state = next
            for effect in effects {
                switch effect {
                case .quit:
                    return true
                case .readRecord(let origin):
                    queue.append(records.request(origin))
                case .cycleTheme:
                    theme = ThemeLocator.next(after: theme, in: themes)
                    queue.append(.themeChanged(name: theme.name))
                case .selectIdentity:
                    break  // the view sent next carries the selection
                default:
                    worker.send(effect)
                    loop.effectsSent += 1
                }
            }
        }
        return false
    }
}
