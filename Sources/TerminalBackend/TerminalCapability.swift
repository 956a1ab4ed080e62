import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// Whether a terminal type can draw the dashboard, read from its terminfo entry before
/// curses takes the terminal. `newterm` accepts `TERM=dumb` and then draws nothing (no
/// cursor addressing), and an unknown type gives nothing to draw with: both are refused
/// up front, so there is no half-initialised screen to undo.
public enum TerminalCapability: Equatable, Sendable {
    case canDraw
    /// Known, but it cannot move the cursor (`cup` missing): `dumb`, a hardcopy terminal.
    case noCursorAddressing
    /// No usable terminfo entry for this type (or a generic one such as `unknown`).
    case unknownType
    /// No terminfo database at all.
    case noTerminfo

    /// Looks up the terminal type `term` (the value of `$TERM`; nil when unset) as it would
    /// drive the terminal on `fd`. Writes nothing and leaves no terminal set up.
    public static func of(term: String?, fd: Int32 = 1) -> TerminalCapability {
        // ncurses reads an empty or missing name as $TERM, and an empty $TERM as "no database".
        guard let term, !term.isEmpty else { return .unknownType }
        switch term.withCString({ cn_terminal_can_draw($0, fd) }) {
        case 1: return .canDraw
        case 0: return .noCursorAddressing
        case -1: return .unknownType
        default: return .noTerminfo
        }
    }

    /// The line that says why, naming the type (`term` as given to `of`), and what to use
    /// instead; nil for `.canDraw`.
    public func refusal(term: String?) -> String? {
        let name = "\"\(term ?? "")\""
        let headless = "use `nhitop report FILE…` for headless output"
        switch self {
        case .canDraw:
            return nil
        case .noCursorAddressing:
            return "the terminal \(name) cannot draw the dashboard (no cursor addressing); \(headless)"
        case .unknownType:
            let what = term == nil || term!.isEmpty ? "TERM is not set" : "the terminal type \(name) is unknown here (no terminfo entry)"
            return "\(what), so the dashboard cannot be drawn; try TERM=xterm-256color, or \(headless)"
        case .noTerminfo:
            return "no terminfo database found, so the dashboard cannot be drawn; install ncurses-base, or \(headless)"
        }
    }
}
