/// A key press, as the backend decodes it from the terminal.
public enum Key: Hashable, Sendable {
    /// A printable character (`j`, `G`, `?`, `é`); space is `.char(" ")`.
    case char(Unicode.Scalar)
    /// Ctrl plus a letter, lower-case: `.ctrl("d")`.
    case ctrl(Unicode.Scalar)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace, delete
    /// Function keys F1–F12.
    case function(Int)
    /// ncurses `KEY_RESIZE`. Send `Msg.resize` with the new size instead when you can.
    case resize

    public static let ctrlC = Key.ctrl("c")
    public static let ctrlD = Key.ctrl("d")
    public static let ctrlU = Key.ctrl("u")
    public static let f1 = Key.function(1)

    /// How the help and the footer spell the key.
    public var displayName: String {
        switch self {
        case .char(" "): "Space"
        case .char(let s): String(Character(s))
        case .ctrl(let s): "ctrl-" + String(Character(s))
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .function(let n): "F\(n)"
        case .resize: "resize"
        }
    }

    /// Same, without arrows (for `--ascii`).
    public var asciiName: String {
        switch self {
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        default: displayName
        }
    }
}
