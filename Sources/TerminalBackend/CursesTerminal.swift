/// # TerminalBackend
/// The only module that imports curses: sets the terminal up, reads keys, presents a
/// `CellBuffer` by writing only the cells that changed, and restores the terminal on every exit.
import CNcursesw
import Dashboard
#if canImport(Glibc)
import Glibc
#endif

public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case cannotOpen(String)
    /// The terminal type cannot draw a screen (`dumb`, unknown, no cursor addressing): why,
    /// in one line (`TerminalCapability.refusal`).
    case cannotDraw(String)

    public var description: String {
        switch self {
        case .notATerminal:
            "standard output is not a terminal; use `nhitop report` for headless output"
        case let .cannotOpen(why), let .cannotDraw(why):
            why
        }
    }
}

public struct TerminalOptions: Sendable {
    /// Draw without colour (NO_COLOR, --no-color): attributes only.
    public var color = true
    /// Read keys from /dev/tty instead of stdin (stdin carries log data).
    public var keysFromTTY = false
    public init() {}
}

/// One curses screen. Every curses call happens on the thread that owns this object
/// (ncurses is not thread-safe). `restore()` is idempotent and also runs on deinit.
public final class CursesTerminal {
    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var inputFile: UnsafeMutablePointer<FILE>?
    private var outputFile: UnsafeMutablePointer<FILE>?
    private var lastPresented: CellBuffer?
    private var palette: ColorPalette
    private var restored = false
    public let utf8: Bool

    public init(options: TerminalOptions) throws {
        // Locale first, or box characters render blank.
        setlocale(LC_ALL, "")
        utf8 = String(cString: cn_codeset()).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        // Before anything changes the terminal: refused here, there is nothing to undo.
        try Self.checkCanDraw()
        Self.allowResizeSignal()
        if getenv("ESCDELAY") == nil { set_escdelay(25) }

        outputFile = fdopen(dup(1), "w")
        // Before curses changes the mode: what an exit() or a crash puts back.
        TerminalRescue.arm(fd: 1)
        if options.keysFromTTY {
            inputFile = fopen("/dev/tty", "r")
            guard inputFile != nil else { throw TerminalError.cannotOpen("cannot open /dev/tty for keys while stdin carries data") }
        } else {
            inputFile = fdopen(dup(0), "r")
        }
        // newterm, not initscr: an unknown TERM returns nil instead of exiting the process.
        guard let s = newterm(nil, outputFile, inputFile) else {
            TerminalRescue.disarm()
            let term = String(cString: getenv("TERM") ?? strdup("(unset)"))
            throw TerminalError.cannotOpen("cannot use terminal type \"\(term)\"; try TERM=xterm-256color")
        }
        screen = s
        set_term(s)
        window = cn_stdscr()
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        curs_set(0)
        var colors = 0
        if options.color && has_colors() {
            start_color()
            use_default_colors()
            colors = Int(cn_COLORS())
        }
        palette = ColorPalette(colors: colors, maxPairs: options.color ? Int(cn_COLOR_PAIRS()) : 0)
        wtimeout(window, 50)
    }

    deinit { restore() }

    /// Throws what `init` would refuse before touching the terminal: standard output is not
    /// a terminal, or its type cannot draw a screen (`dumb`, unknown, no cursor addressing).
    /// Callers run it first, before work that would be wasted (or print) on a refusal.
    public static func checkCanDraw() throws {
        guard isatty(1) == 1 else { throw TerminalError.notATerminal }
        let term = getenv("TERM").map { String(cString: $0) }
        if let why = TerminalCapability.of(term: term, fd: 1).refusal(term: term) {
            throw TerminalError.cannotDraw(why)
        }
    }

    /// ncurses learns of a resize through SIGWINCH, and installs its handler only when the
    /// signal has its default action. A parent that blocked or ignored it (a supervisor, a
    /// test runner's thread) would leave the dashboard drawing at the old size forever.
    private static func allowResizeSignal() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        var current = sigaction()
        // SIG_IGN is the handler value 1; function pointers are not Equatable in Swift.
        if sigaction(SIGWINCH, nil, &current) == 0,
           unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == 1 {
            signal(SIGWINCH, SIG_DFL)
        }
    }

    /// The terminal's size in cells.
    public var size: (width: Int, height: Int) {
        guard let w = window else { return (0, 0) }
        return (Int(getmaxx(w)), Int(getmaxy(w)))
    }

    /// Waits up to `timeoutMs` for one key. Nil on timeout.
    public func readKey(timeoutMs: Int32) -> Key? {
        guard let w = window else { return nil }
        wtimeout(w, timeoutMs)
        var ch: wint_t = 0
        let r = wget_wch(w, &ch)
        if r == ERR { return nil }
        if r == KEY_CODE_YES { return KeyDecoder.functionKey(Int32(ch)) }
        return KeyDecoder.character(UInt32(ch))
    }

    /// Draws `buffer`, sending only the cells that differ from the last frame.
    public func present(_ buffer: CellBuffer, theme: Theme) {
        guard let w = window else { return }
        let runs: [CellRun]
        if let last = lastPresented, last.width == buffer.width, last.height == buffer.height {
            runs = buffer.diff(from: last)
        } else {
            clearok(w, true)
            runs = buffer.diff(from: CellBuffer(width: 0, height: 0))
        }
        palette.use(theme)
        for run in runs {
            var x = run.x
            for cell in run.cells {
                if cell.isWideTrailer { x += 1; continue }
                let (attr, pair) = palette.attributes(for: cell.role)
                _ = cn_mvwadd_wchar(w, Int32(run.y), Int32(x), wchar_t(cell.scalar.value), attr, pair)
                x += 1
            }
        }
        lastPresented = buffer
        wnoutrefresh(w)
        doupdate()
    }

    /// After a resize, the next frame repaints everything.
    public func invalidate() {
        lastPresented = nil
    }

    /// Gives the terminal back: leaves curses mode and frees the screen. Idempotent.
    public func restore() {
        guard !restored else { return }
        restored = true
        if screen != nil {
            curs_set(1)
            endwin()
            TerminalRescue.disarm()
            delscreen(screen)
            screen = nil
            window = nil
        }
        if let f = outputFile { fclose(f); outputFile = nil }
        if let f = inputFile { fclose(f); inputFile = nil }
    }
}
