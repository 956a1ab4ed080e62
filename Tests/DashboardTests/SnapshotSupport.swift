import Dashboard
import Foundation
import Testing

/// Golden files in `__Snapshots__/`, next to this file. `UPDATE_SNAPSHOTS=1 swift test`
/// rewrites them; a missing golden fails and shows the rendered text.
/// `themes` adds, for each theme, how every role on the screen is drawn in it: the golden
/// then pins the screen as each theme shows it, not only its text and roles.
func assertSnapshot(_ buffer: CellBuffer, named name: String, themes: [Theme] = [], filePath: String = #filePath,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    var rendered = "# \(name) \(buffer.width)x\(buffer.height)\n# text\n" + buffer.textDump(edges: true)
        + "\n# roles\n" + buffer.styleDump(edges: true) + "\n"
    for theme in themes { rendered += themeLegend(buffer, theme) }
    let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = dir.appendingPathComponent(name + ".txt")
    let update = ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1"
    let existing = try? String(contentsOf: file, encoding: .utf8)
    if update {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? rendered.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    guard let existing else {
        Issue.record("missing golden \(file.path) (run UPDATE_SNAPSHOTS=1 swift test); rendered:\n\(rendered)",
                     sourceLocation: sourceLocation)
        return
    }
    let normalized = existing.replacingOccurrences(of: "\r\n", with: "\n")
    if normalized != rendered {
        Issue.record("snapshot \(name) differs from \(file.path); rendered:\n\(rendered)", sourceLocation: sourceLocation)
    }
}

/// `themes/` at the package root, found from this file's path.
func themesDirectory(filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")
}

/// `# theme NAME` then one line per role used on the screen: its code, name and style.
func themeLegend(_ buffer: CellBuffer, _ theme: Theme) -> String {
    var used = Set<StyleRole>()
    for cell in buffer.cells { used.insert(cell.role) }
    var out = "# theme \(theme.name)\n"
    for role in StyleRole.allCases where used.contains(role) {
        let st = theme[role]
        var attrs = ["fg=\(st.fg)", "bg=\(st.bg)"]
        if st.bold { attrs.append("bold") }
        if st.dim { attrs.append("dim") }
        if st.underline { attrs.append("underline") }
        if st.reverse { attrs.append("reverse") }
        out += "\(role.code) \(role.yamlKey): \(attrs.joined(separator: " "))\n"
    }
    return out
}

/// The four themes that ship in `themes/`, in `T`'s order.
func shippedThemes() throws -> [Theme] {
    try ["default", "high-contrast", "mono", "light"].map {
        try Theme.load(contentsOf: themesDirectory().appendingPathComponent($0 + ".yaml").path)
    }
}
