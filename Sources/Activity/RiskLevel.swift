/// Severity bands of a 0–100 risk score, as Elastic entity risk scoring names them
/// (risk-and-response notes §3). One definition for the table, the detail pane and reports.
public enum RiskLevel: UInt8, Hashable, Sendable, CaseIterable, Comparable {
    /// Below 20: nothing worth an analyst's attention.
    case unknown
    case low, moderate, high, critical

    public static func < (a: RiskLevel, b: RiskLevel) -> Bool { a.rawValue < b.rawValue }

    public init(score: Int) {
        switch score {
        case ..<20: self = .unknown
        case ..<40: self = .low
        case ..<70: self = .moderate
        case ..<90: self = .high
        default: self = .critical
        }
    }

    /// One letter beside the number, so meaning never rests on colour alone.
    public var letter: String {
        switch self {
        case .unknown: "-"
        case .low: "L"
        case .moderate: "M"
        case .high: "H"
        case .critical: "C"
        }
    }

    public var word: String {
        switch self {
        case .unknown: "unknown"
        case .low: "low"
        case .moderate: "moderate"
        case .high: "high"
        case .critical: "critical"
        }
    }
}
