import Dashboard
import Events
import Foundation
import Ingest
import Synchronization

/// Reads records back for the identity view off the UI thread: a record deep in a large
/// `.gz` means inflating everything before it, and the dashboard must keep answering keys.
/// The answer arrives as `Msg.rawRecord` through `drain()`; only the latest request counts.
final class RecordReads: Sendable {
    private let answers = Mutex<[Msg]>([])
    private let latest = Mutex<UInt64>(0)
    private let queue = DispatchQueue(label: "nhitop.record-read", qos: .userInitiated)
    /// Wakes the UI thread when an answer arrives, so it is drawn at once, not at the next tick.
    private let onAnswer: @Sendable () -> Void

    init(onAnswer: @escaping @Sendable () -> Void = {}) {
        self.onAnswer = onAnswer
    }

    /// Starts reading `origin`; returns the placeholder the view shows meanwhile.
    func request(_ origin: EventOrigin) -> Msg {
        let ticket = latest.withLock { n in n += 1; return n }
        queue.async { [self] in
            // Superseded while it waited behind another read: no file I/O for an answer nobody wants.
            guard latest.withLock({ $0 }) == ticket else { return }
            let r = RecordReadBack.read(origin)
            // An answer to an older Enter is dropped: the operator has moved on.
            guard latest.withLock({ $0 }) == ticket else { return }
            let view = RawRecordView(title: r.title, lines: r.lines, problem: r.problem)
            answers.withLock { $0.append(.rawRecord(view)) }
            onAnswer()
        }
        return .rawRecord(RawRecordView(title: DisplaySafe.text(origin.source) + " line \(origin.line)",
                                        lines: ["reading…"]))
    }

    /// The answers that arrived since the last call.
    func drain() -> [Msg] { answers.withLock { a in defer { a.removeAll() }; return a } }
}
