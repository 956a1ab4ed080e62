import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGINT, SIGTERM and SIGHUP into a flag the dashboard loop checks every tick,
/// so each of them ends in the same clean path that restores the terminal. The default
/// handlers are replaced only while the dashboard runs.
final class ExitSignals: Sendable {
    private let received = Atomic<Int32>(0)
    private let sources: [any DispatchSourceSignal]
    private let queue = DispatchQueue(label: "nhitop.signals")

    init(_ signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]) {
        var made: [any DispatchSourceSignal] = []
        for sig in signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            made.append(source)
        }
        sources = made
        for (source, sig) in zip(sources, signals) {
            source.setEventHandler { [received] in received.store(sig, ordering: .relaxed) }
            source.resume()
        }
    }

    /// The signal that asked us to stop, or nil.
    var pending: Int32? {
        let s = received.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }

    func cancel() {
        for s in sources { s.cancel() }
    }
}
