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

/// Risk bands. Meaning is never carried by colour alone: the table shows the number and
/// the band letter, the detail pane spells the band out.
///
/// | score  | band     | letter | role           |
/// |--------|----------|--------|----------------|
/// | 0–19   | low      | L      | `riskLow`      |
/// | 20–69  | medium   | M      | `riskMedium`   |
/// | 70–89  | high     | H      | `riskHigh`     |
/// | 90–100 | critical | C      | `riskCritical` |
public enum RiskLevel: UInt8, Hashable, Sendable, CaseIterable {
    case low, medium, high, critical

    public init(score: Int) {
        switch score {
        case ..<20: self = .low
        case ..<70: self = .medium
        case ..<90: self = .high
        default: self = .critical
        }
    }

    public var letter: String {
        switch self {
        case .low: "L"
        case .medium: "M"
        case .high: "H"
        case .critical: "C"
        }
    }

    public var word: String {
        switch self {
        case .low: "low"
        case .medium: "medium"
        case .high: "HIGH"
        case .critical: "CRITICAL"
        }
    }

    public var role: StyleRole {
        switch self {
        case .low: .riskLow
        case .medium: .riskMedium
        case .high: .riskHigh
        case .critical: .riskCritical
        }
    }
}
