/// Everything a key can do. `update` acts on these, never on raw keys.
public enum Action: String, Hashable, Sendable, CaseIterable {
    case moveDown, moveUp, pageDown, pageUp, top, bottom
    case focusNext, focusPrevious
    case togglePause
    /// `/` opens the filter line; `n`/`N` jump to the next/previous identity matching it.
    case find, nextMatch, previousMatch
    /// `s` cycles the table's order, `S` reverses it.
    case cycleSort, reverseSort
    /// Enter: open the identity view, the raw record of a timeline line, or an alert's identity.
    case open
    case showAlerts, showRevocations
    case cycleTheme
    /// Respond: they open the response dialog (or, read-only, only say they are disabled).
    case revoke, undoRevoke, acknowledge
    case toggleHelp, closeOverlay, quit
}

/// Help sections, in display order.
public enum KeyGroup: String, Hashable, Sendable, CaseIterable {
    case navigation = "Navigate"
    case panes = "Panes"
    case feed = "Live feed"
    case find = "Find and sort"
    case respond = "Respond"
    case general = "General"
}

/// A short footer hint, e.g. `j/k` + `move`.
public struct KeyHint: Hashable, Sendable {
    public var keys: String
    public var label: String
    public init(keys: String, label: String) {
        self.keys = keys
        self.label = label
    }
}

public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    public var action: Action
    public var description: String
    public var group: KeyGroup
    /// Shown in the dashboard's footer when set.
    public var hint: KeyHint?
    /// Shown in the identity view's footer when set.
    public var viewHint: KeyHint?

    public init(keys: [Key], action: Action, description: String, group: KeyGroup, hint: KeyHint? = nil,
                viewHint: KeyHint? = nil) {
        self.keys = keys
        self.action = action
        self.description = description
        self.group = group
        self.hint = hint
        self.viewHint = viewHint
    }
}

/// The one table of key bindings: `update` dispatches through it and the help overlay
/// and footer are generated from it, so they cannot disagree.
public struct Keymap: Hashable, Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    public func action(for key: Key) -> Action? {
        bindings.first(where: { $0.keys.contains(key) })?.action
    }

    /// Bindings that change something outside nhitop or in the ledger: off in read-only mode.
    public static let respondActions: Set<Action> = [.revoke, .undoRevoke, .acknowledge]

    public func binding(for action: Action) -> KeyBinding? {
        bindings.first(where: { $0.action == action })
    }

    /// The footer's hints for what is on screen, in binding order: the dashboard's, or the
    /// identity view's (in the raw record, Enter has nothing more to open).
    public func footerHints(for state: AppState) -> [(binding: KeyBinding, hint: KeyHint)] {
        bindings.compactMap { b in
            guard let view = state.identityView else { return b.hint.map { (b, $0) } }
            if view.record != nil && b.action == .open { return nil }
            return b.viewHint.map { (b, $0) }
        }
    }

    /// Within a group the help lists bindings in this order, and the footer shows hints in it
    /// (the most useful first: at 80 columns the last ones do not fit). Descriptions stay short:
    /// the help is two columns at 80×24.
    public static let standard = Keymap(bindings: [
        KeyBinding(keys: [.char("j"), .down], action: .moveDown, description: "down / scroll down",
                   group: .navigation, hint: KeyHint(keys: "j/k", label: "move"),
                   viewHint: KeyHint(keys: "j/k", label: "move")),
        KeyBinding(keys: [.char("k"), .up], action: .moveUp, description: "up (feed: pauses)", group: .navigation),
        KeyBinding(keys: [.pageDown, .ctrlD], action: .pageDown, description: "page down", group: .navigation),
        KeyBinding(keys: [.pageUp, .ctrlU], action: .pageUp, description: "page up", group: .navigation),
        KeyBinding(keys: [.char("g"), .home], action: .top, description: "top of the list", group: .navigation),
        KeyBinding(keys: [.char("G"), .end], action: .bottom, description: "bottom (feed: resumes)",
                   group: .navigation),
        KeyBinding(keys: [.char("/")], action: .find, description: "filter: text ~regex !not", group: .find,
                   hint: KeyHint(keys: "/", label: "find")),
        KeyBinding(keys: [.char("n")], action: .nextMatch, description: "next match", group: .find),
        KeyBinding(keys: [.char("N")], action: .previousMatch, description: "previous match", group: .find),
        KeyBinding(keys: [.char("s")], action: .cycleSort, description: "sort by the next column", group: .find,
                   hint: KeyHint(keys: "s", label: "sort")),
        KeyBinding(keys: [.char("S")], action: .reverseSort, description: "reverse the order", group: .find),
        KeyBinding(keys: [.enter], action: .open, description: "open identity or event", group: .panes,
                   hint: KeyHint(keys: "Enter", label: "open"), viewHint: KeyHint(keys: "Enter", label: "raw")),
        KeyBinding(keys: [.escape], action: .closeOverlay, description: "back, close, clear filter",
                   group: .general, viewHint: KeyHint(keys: "Esc", label: "back")),
        KeyBinding(keys: [.char("R")], action: .revoke, description: "revoke the identity", group: .respond,
                   hint: KeyHint(keys: "R", label: "revoke"), viewHint: KeyHint(keys: "R", label: "revoke")),
        KeyBinding(keys: [.char("U")], action: .undoRevoke, description: "undo its revoke", group: .respond),
        KeyBinding(keys: [.char("a")], action: .acknowledge, description: "acknowledge its alert",
                   group: .respond),
        KeyBinding(keys: [.char("?"), .f1], action: .toggleHelp, description: "show / hide this help",
                   group: .general, hint: KeyHint(keys: "?", label: "help")),
        KeyBinding(keys: [.tab], action: .focusNext, description: "next pane", group: .panes,
                   hint: KeyHint(keys: "Tab", label: "pane")),
        KeyBinding(keys: [.backTab], action: .focusPrevious, description: "previous pane", group: .panes),
        KeyBinding(keys: [.char("A")], action: .showAlerts, description: "alerts since start", group: .panes),
        KeyBinding(keys: [.char("L")], action: .showRevocations, description: "revocations (ledger)",
                   group: .panes),
        KeyBinding(keys: [.char("T")], action: .cycleTheme, description: "next colour theme", group: .general),
        KeyBinding(keys: [.char("q"), .ctrlC], action: .quit, description: "quit", group: .general,
                   hint: KeyHint(keys: "q", label: "quit")),
        // Last in the footer: fits from about 100 columns; says "resume" while paused.
        KeyBinding(keys: [.char("p"), .char(" ")], action: .togglePause, description: "pause / resume feed",
                   group: .feed, hint: KeyHint(keys: "p", label: "pause")),
    ])
}
