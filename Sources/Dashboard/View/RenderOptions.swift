import Activity
/// How to draw, independent of the data.
public struct RenderOptions: Hashable, Sendable {
    /// ASCII line drawing and decorations (`--ascii`, non-UTF-8 locales).
    public var ascii: Bool
    public var keymap: Keymap
    /// Revoke, undo and acknowledge are off: help and footer say so (the keys stay listed
    /// so an operator learns why they do nothing). `AppState.readOnly` counts too.
    public var readOnly: Bool
    /// Detection rules that did not load (unsupported or invalid; not other log sources'):
    /// the header counts them, as it counts sources that failed.
    public var rulesFailed: Int

    public init(ascii: Bool = false, keymap: Keymap = .standard, readOnly: Bool = false, rulesFailed: Int = 0) {
        self.ascii = ascii
        self.keymap = keymap
        self.readOnly = readOnly
        self.rulesFailed = rulesFailed
    }

    public var glyphs: Glyphs { ascii ? .ascii : .unicode }
}

extension RiskLevel {
    /// How the detail pane spells the level: loud for the two that need action.
    var display: String {
        switch self {
        case .high, .critical: word.uppercased()
        default: word
        }
    }

    var role: StyleRole {
        switch self {
        case .unknown, .low: .riskLow
        case .moderate: .riskMedium
        case .high: .riskHigh
        case .critical: .riskCritical
        }
    }
}
