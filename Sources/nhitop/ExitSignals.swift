import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGINT, SIGTERM and SIGHUP into a flag the dashboard loop checks every tick,
/// so each of them ends in the same clean path that restores the terminal.
final class ExitSignals {
    /// Written on the signal queue, read by the loop.
    private final class Flag: Sendable {
        let signal = Atomic<Int32>(0)
    }

    private let flag = Flag()
    private let sources: [any DispatchSourceSignal]
    private let queue = DispatchQueue(label: "nhitop.signals")

    init(_ signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]) {
        var made: [any DispatchSourceSignal] = []
        for sig in signals {
            // The default action would kill the process with curses still active.
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [flag] in flag.signal.store(sig, ordering: .relaxed) }
            source.resume()
            made.append(source)
        }
        sources = made
    }

    /// The signal that asked us to stop, or nil.
    var pending: Int32? {
        let s = flag.signal.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }

    func cancel() {
        for s in sources { s.cancel() }
    }
}
