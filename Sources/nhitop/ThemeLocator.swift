import Dashboard
import Foundation

/// Finds a theme by name or path. Names are looked up in `$NHITOP_THEMES`,
/// `$XDG_CONFIG_HOME/nhitop/themes`, `./themes` and the `themes/` of the checkout the
/// binary was built in; `default` always works, from the copy compiled into the binary.
/// Shipped: `default`, `high-contrast`, `mono`, `light` (for light terminal backgrounds).
enum ThemeLocator {
    struct NotFound: Error, CustomStringConvertible {
        let name: String
        let searched: [String]
        var description: String {
            "theme \"\(name)\" not found (looked in \(searched.joined(separator: ", ")))"
        }
    }

    static func load(_ nameOrPath: String) throws -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") {
            return try Theme.load(contentsOf: nameOrPath)
        }
        let dirs = searchDirectories()
        for dir in dirs {
            let path = dir + "/" + nameOrPath + ".yaml"
            if FileManager.default.fileExists(atPath: path) { return try Theme.load(contentsOf: path) }
        }
        if nameOrPath == "default" { return Theme.default }
        throw NotFound(name: nameOrPath, searched: dirs)
    }

    /// The themes shipped in `themes/`, in the order `T` steps through them.
    static let shipped = ["default", "high-contrast", "mono", "light"]

    /// What `T` steps through: `start` (the `--theme` in use) first, then the other shipped
    /// themes in `shipped` order. Loaded once, here, so a keypress never reads a file; one
    /// that cannot be found or does not load is left out (an installed binary without its
    /// `themes/` still has `default`, compiled in).
    static func cycle(startingWith start: Theme, load: (String) throws -> Theme = ThemeLocator.load) -> [Theme] {
        var themes = [start]
        for name in shipped where !themes.contains(where: { $0.name == name }) {
            if let theme = try? load(name) { themes.append(theme) }
        }
        return themes
    }

    /// The theme after `current` in `cycle` (the first after the last).
    static func next(after current: Theme, in cycle: [Theme]) -> Theme {
        guard let i = cycle.firstIndex(of: current) else { return cycle.first ?? current }
        return cycle[(i + 1) % cycle.count]
    }

    static func searchDirectories() -> [String] {
        let env = ProcessInfo.processInfo.environment
        var dirs: [String] = []
        if let d = env["NHITOP_THEMES"] { dirs.append(d) }
        let config = env["XDG_CONFIG_HOME"] ?? (env["HOME"].map { $0 + "/.config" } ?? "")
        if !config.isEmpty { dirs.append(config + "/nhitop/themes") }
        dirs.append(FileManager.default.currentDirectoryPath + "/themes")
        // .build/<triple>/debug/nhitop → the checkout's themes/.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            dir = dir.deletingLastPathComponent()
            let candidate = dir.appendingPathComponent("themes").path
            if FileManager.default.fileExists(atPath: candidate + "/default.yaml") {
                dirs.append(candidate)
                break
            }
        }
        return dirs
    }
}
