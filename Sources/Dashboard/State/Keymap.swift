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
    /// Shown in the footer when set.
    public var hint: KeyHint?

    public init(keys: [Key], action: Action, description: String, group: KeyGroup, hint: KeyHint? = nil) {
        self.keys = keys
        self.action = action
        self.description = description
        self.group = group
        self.hint = hint
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

    public static let standard = Keymap(bindings: [
        KeyBinding(keys: [.char("j"), .down], action: .moveDown, description: "down / scroll down",
                   group: .navigation, hint: KeyHint(keys: "j/k", label: "move")),
        KeyBinding(keys: [.char("k"), .up], action: .moveUp, description: "up / scroll up (feed: pauses)",
                   group: .navigation),
        KeyBinding(keys: [.pageDown, .ctrlD], action: .pageDown, description: "page down", group: .navigation),
        KeyBinding(keys: [.pageUp, .ctrlU], action: .pageUp, description: "page up", group: .navigation),
        KeyBinding(keys: [.char("g"), .home], action: .top, description: "first row / oldest", group: .navigation),
        KeyBinding(keys: [.char("G"), .end], action: .bottom, description: "last row / newest (feed: resumes)",
                   group: .navigation),
        KeyBinding(keys: [.tab], action: .focusNext, description: "next pane", group: .panes,
                   hint: KeyHint(keys: "Tab", label: "pane")),
        KeyBinding(keys: [.backTab], action: .focusPrevious, description: "previous pane", group: .panes),
        KeyBinding(keys: [.char("p"), .char(" ")], action: .togglePause,
                   description: "pause / resume the feed view (ingest continues)", group: .feed,
                   hint: KeyHint(keys: "p", label: "pause")),
        KeyBinding(keys: [.char("/")], action: .find,
                   description: "filter (text; ~regex; !inverts); Esc clears", group: .find,
                   hint: KeyHint(keys: "/", label: "find")),
        KeyBinding(keys: [.char("n")], action: .nextMatch, description: "next identity matching", group: .find),
        KeyBinding(keys: [.char("N")], action: .previousMatch, description: "previous identity matching", group: .find),
        KeyBinding(keys: [.char("s")], action: .cycleSort,
                   description: "sort by risk, events/min, denied, last seen, name", group: .find,
                   hint: KeyHint(keys: "s", label: "sort")),
        KeyBinding(keys: [.char("S")], action: .reverseSort, description: "reverse the order", group: .find),
        KeyBinding(keys: [.enter], action: .open,
                   description: "open the identity / the raw record / the alert's identity", group: .panes,
                   hint: KeyHint(keys: "Enter", label: "open")),
        KeyBinding(keys: [.char("A")], action: .showAlerts, description: "alerts since start", group: .panes),
        KeyBinding(keys: [.char("L")], action: .showRevocations, description: "revocations (the ledger)",
                   group: .panes),
        KeyBinding(keys: [.char("R")], action: .revoke,
                   description: "revoke the selected identity", group: .respond,
                   hint: KeyHint(keys: "R", label: "revoke")),
        KeyBinding(keys: [.char("U")], action: .undoRevoke, description: "undo its revoke",
                   group: .respond),
        KeyBinding(keys: [.char("a")], action: .acknowledge, description: "acknowledge its alert",
                   group: .respond),
        KeyBinding(keys: [.char("T")], action: .cycleTheme, description: "next colour theme", group: .general),
        KeyBinding(keys: [.char("?"), .f1], action: .toggleHelp, description: "show / hide this help",
                   group: .general, hint: KeyHint(keys: "?", label: "help")),
        KeyBinding(keys: [.escape], action: .closeOverlay, description: "close help or a dialog", group: .general),
        KeyBinding(keys: [.char("q"), .ctrlC], action: .quit, description: "quit", group: .general,
                   hint: KeyHint(keys: "q", label: "quit")),
    ])
}
