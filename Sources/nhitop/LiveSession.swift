import Activity
import Dashboard
import Events
import Foundation
import Ingest
import TerminalBackend

/// The dashboard's one-way loop, on one thread: read a key → update the state →
/// pump the sources a bounded amount → fold events into the activity → render a pure
/// buffer → present only what changed. Nothing here blocks for more than a tick.
struct LiveSession {
    var sources: [InputSource]
    var theme: Theme
    var renderOptions: RenderOptions
    var terminalOptions: TerminalOptions
    /// Bytes read per source per tick: keeps keys responsive during a huge backfill.
    var ingestBudget = 4 << 20
    /// At most this many frames per second; nothing is drawn when nothing changed.
    var maxFPS = 15.0

    /// Runs until `q` or a signal; returns the process exit code.
    mutating func run() throws -> Int32 {
        let signals = ExitSignals()
        defer { signals.cancel() }
        let terminal = try CursesTerminal(options: terminalOptions)
        defer { terminal.restore() }
        if !terminal.utf8 { renderOptions.ascii = true }

        var aggregator = ActivityAggregator()
        var state = AppState()
        var dirty = true
        var lastFrame = Date.distantPast
        var lastStatusFrame = Date.distantPast
        let frameInterval = 1.0 / maxFPS

        while true {
            if let sig = signals.pending {
                return sig == SIGINT ? 0 : 128 + sig
            }
            // 1. Input. The timeout is the loop's idle tick.
            if let key = terminal.readKey(timeoutMs: 30) {
                if key == .resize { terminal.invalidate() }
                let (next, effects) = update(state, .key(key), context: context(aggregator, state))
                state = next
                dirty = true
                if effects.contains(.quit) { return 0 }
            }
            // 2. Ingest, bounded per source.
            let now = EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
            var ingested = 0
            for i in sources.indices {
                ingested += sources[i].pump(maxBytes: ingestBudget, now: now) { aggregator.ingest($0) }
            }
            if ingested > 0 { dirty = true }
            // 3. Draw at a capped rate; redraw once a second anyway so ages and states stay true.
            let wall = Date()
            let due = wall.timeIntervalSince(lastFrame) >= frameInterval
            if due && (dirty || wall.timeIntervalSince(lastStatusFrame) >= 1) {
                let size = terminal.size
                let selected = state.selectedIdentity
                let snapshot = aggregator.snapshot(detailFor: selected, feedLimit: 400)
                state = reconcile(state, snapshot: snapshot)
                let buffer = renderDashboard(snapshot: snapshot, sources: sources.map(\.status), state: state,
                                             width: size.width, height: size.height, options: renderOptions)
                terminal.present(buffer, theme: theme)
                lastFrame = wall
                lastStatusFrame = wall
                dirty = false
            }
        }
    }

    private func context(_ aggregator: ActivityAggregator, _ state: AppState) -> UpdateContext {
        let snapshot = aggregator.snapshot(detailFor: state.selectedIdentity, feedLimit: 400)
        return UpdateContext(identities: snapshot.identities.map(\.identity), feedCount: snapshot.feed.count)
    }
}
