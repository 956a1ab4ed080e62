import Dispatch
import Response
import Synchronization

/// What the background side hands to the UI loop: results of hooks it ran and ledger rows
/// written by any nhitop process on this host (this one included).
enum ResponseInbound: Sendable {
    case finished(ExecutionResult)
    case ledgerRows([LedgerEntry])
    case ledgerError(String)
}

/// A mailbox the loop drains every tick: background work never touches the UI state.
final class ResponseInbox: Sendable {
    private let items = Mutex<[ResponseInbound]>([])

    func post(_ item: ResponseInbound) { items.withLock { $0.append(item) } }

    func drain() -> [ResponseInbound] { items.withLock { items in defer { items.removeAll() }; return items } }
}

/// Reads rows newer than the last it saw, every second and whenever kicked, off the UI
/// thread: how a revoke in another nhitop process shows here within two seconds.
/// `@unchecked`: its one non-Sendable member, the dispatch timer, is thread-safe (GCD
/// sources may be cancelled from any thread) and is never reassigned.
final class LedgerPoller: @unchecked Sendable {
    private let ledger: Ledger
    private let inbox: ResponseInbox
    private let queue = DispatchQueue(label: "nhitop.ledger-poll")
    private let lastID: Mutex<Int64>
    /// The last poll failed: the next good one reports in even with no rows, to clear the warning.
    private let failing = Mutex(false)
    private let timer: any DispatchSourceTimer

    init(ledger: Ledger, inbox: ResponseInbox, after id: Int64, interval: Double = 1) {
        self.ledger = ledger
        self.inbox = inbox
        self.lastID = Mutex(id)
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.poll() }
        timer.resume()
    }

    /// Poll now (after this process wrote a row), without waiting for the next second.
    func kick() { queue.async { [weak self] in self?.poll() } }

    func stop() { timer.cancel() }

    private func poll() {
        let after = lastID.withLock { $0 }
        do {
            let rows = try ledger.entries(after: after)
            let recovered = failing.withLock { was in defer { was = false }; return was }
            guard let last = rows.last else {
                if recovered { inbox.post(.ledgerRows([])) }
                return
            }
            lastID.withLock { $0 = max($0, last.id) }
            inbox.post(.ledgerRows(rows))
        } catch {
            failing.withLock { $0 = true }
            inbox.post(.ledgerError("\(error)"))
        }
    }
}
