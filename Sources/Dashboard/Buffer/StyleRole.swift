/// What a cell *means*, not what colour it is. The view paints roles; a `Theme` maps
/// roles to colours and attributes; the backend resolves them for the terminal.
/// Snapshot tests compare roles, so editing a theme never churns the goldens.
public enum StyleRole: UInt8, Sendable, CaseIterable, Hashable {
    case text, muted, border, borderFocus, title, header, cursorRow, selected
    case riskLow, riskMedium, riskHigh, riskCritical
    case ok, warn, error, alertNew, keyHint, statusBar, modal, dangerButton, sparkline

    /// One character per role, used by `CellBuffer.styleDump()`. Unique per role.
    public var code: Character {
        switch self {
        case .text: "."
        case .muted: ","
        case .border: "-"
        case .borderFocus: "="
        case .title: "T"
        case .header: "H"
        case .cursorRow: "C"
        case .selected: "S"
        case .riskLow: "l"
        case .riskMedium: "m"
        case .riskHigh: "h"
        case .riskCritical: "X"
        case .ok: "o"
        case .warn: "w"
        case .error: "e"
        case .alertNew: "N"
        case .keyHint: "k"
        case .statusBar: "s"
        case .modal: "M"
        case .dangerButton: "D"
        case .sparkline: "^"
        }
    }

    /// The key under `roles:` in a theme file.
    public var yamlKey: String {
        switch self {
        case .text: "text"
        case .muted: "muted"
        case .border: "border"
        case .borderFocus: "border_focus"
        case .title: "title"
        case .header: "header"
        case .cursorRow: "cursor_row"
        case .selected: "selected"
        case .riskLow: "risk_low"
        case .riskMedium: "risk_medium"
        case .riskHigh: "risk_high"
        case .riskCritical: "risk_critical"
        case .ok: "ok"
        case .warn: "warn"
        case .error: "error"
        case .alertNew: "alert_new"
        case .keyHint: "key_hint"
        case .statusBar: "status_bar"
        case .modal: "modal"
        case .dangerButton: "danger_button"
        case .sparkline: "sparkline"
        }
    }

    public init?(yamlKey: String) {
        guard let role = StyleRole.allCases.first(where: { $0.yamlKey == yamlKey }) else { return nil }
        self = role
    }

    public init?(code: Character) {
        guard let role = StyleRole.allCases.first(where: { $0.code == code }) else { return nil }
        self = role
    }
}
