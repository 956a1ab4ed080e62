import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// Gives the terminal back when the process ends without passing through
/// `CursesTerminal.restore()`: an `exit()` from anywhere (atexit), or a crash (SIGSEGV,
/// SIGBUS, SIGILL and SIGTRAP from a Swift trap, SIGFPE, SIGABRT). A crash must not leave
/// the operator's SSH session with no echo, no cursor and the alternate screen up.
///
/// The signal handler does only async-signal-safe work on memory prepared when armed:
/// `tcsetattr` back to the mode saved before curses changed it, and one `write` of a fixed
/// reset (SGR reset, cursor visible, leave the alternate screen). Then it reinstalls the
/// handler that was there before (the default, or the Swift runtime's backtracer) and
/// re-raises, so the crash still ends the process and is still reported.
/// SIGINT, SIGTERM and SIGHUP do not come here: they are turned into a clean exit.
enum TerminalRescue {
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

    /// Everything the handler touches, allocated once and never freed (the handler may run
    /// at any moment, even during exit).
    private struct State {
        var fd: Int32
        var mode: UnsafeMutablePointer<termios>
        var reset: UnsafeMutablePointer<UInt8>
        var resetCount: Int
        var previous: UnsafeMutablePointer<sigaction>
    }

    /// Set once, from the thread that owns curses; read by the handler and at exit.
    nonisolated(unsafe) private static var state: State?
    nonisolated(unsafe) private static var armed = false
    nonisolated(unsafe) private static var installed = false

    /// Saves the terminal's mode on `fd` (call before curses changes it) and makes sure the
    /// exit and crash paths restore it while armed.
    static func arm(fd: Int32) {
        if state == nil {
            let bytes: [UInt8] = Array("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n".utf8)
            let reset = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
            reset.initialize(from: bytes, count: bytes.count)
            let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: fatalSignals.count)
            previous.initialize(repeating: sigaction(), count: fatalSignals.count)
            state = State(fd: fd, mode: .allocate(capacity: 1), reset: reset, resetCount: bytes.count, previous: previous)
            state!.mode.initialize(to: termios())
        }
        state!.fd = fd
        guard tcgetattr(fd, state!.mode) == 0 else { return }
        armed = true
        guard !installed else { return }
        installed = true
        atexit { TerminalRescue.atExit() }
        for (i, sig) in fatalSignals.enumerated() {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in TerminalRescue.onFatalSignal(sig) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, state!.previous + i)
        }
    }

    /// The terminal was restored the ordinary way: nothing left to rescue.
    static func disarm() {
        armed = false
    }

    /// `exit()` while curses is active (not a signal: curses itself can be called).
    private static func atExit() {
        guard armed else { return }
        armed = false
        endwin()
        if let s = state { _ = tcsetattr(s.fd, TCSANOW, s.mode) }
    }

    private static func onFatalSignal(_ sig: Int32) {
        if armed, let s = state {
            armed = false
            _ = tcsetattr(s.fd, TCSANOW, s.mode)
            _ = write(s.fd, s.reset, s.resetCount)
        }
        // Back to what was there before, then let it run: the process still ends, with
        // its crash report, on a terminal that works.
        if let s = state, let i = fatalSignals.firstIndex(of: sig) {
            sigaction(sig, s.previous + i, nil)
        } else {
            signal(sig, SIG_DFL)
        }
        raise(sig)
    }
}
