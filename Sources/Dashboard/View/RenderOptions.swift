import Activity
/// How to draw, independent of the data.
public struct RenderOptions: Hashable, Sendable {
    /// ASCII line drawing and decorations (`--ascii`, non-UTF-8 locales).
    public var ascii: Bool
    public var keymap: Keymap

    public init(ascii: Bool = false, keymap: Keymap = .standard) {
        self.ascii = ascii
        self.keymap = keymap
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
