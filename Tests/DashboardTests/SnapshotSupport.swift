import Dashboard
import Foundation
import Testing

/// Golden files in `__Snapshots__/`, next to this file. `UPDATE_SNAPSHOTS=1 swift test`
/// rewrites them; a missing golden fails and shows the rendered text.
func assertSnapshot(_ buffer: CellBuffer, named name: String, filePath: String = #filePath,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let rendered = "# \(name) \(buffer.width)x\(buffer.height)\n# text\n" + buffer.textDump(edges: true)
        + "\n# roles\n" + buffer.styleDump(edges: true) + "\n"
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
