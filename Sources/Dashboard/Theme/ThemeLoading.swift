import ConfigFiles
import Foundation
import Yams

extension Theme {
    /// Parses a theme file. `source` names it in errors (usually its path).
    ///
    /// ```yaml
    /// name: mine
    /// palette: { accent: "#5fafff" }      # optional named colours
    /// roles:
    ///   risk_high: { fg: accent, bold: true }
    ///   muted: 244                         # shorthand for { fg: 244 }
    /// ```
    /// A role given replaces that role's whole style; roles left out come from the
    /// default theme. Unknown roles, attributes and colours are errors (typos should not
    /// silently fall back).
    public static func load(yaml: String, source: String) throws -> Theme {
        try parse(yaml: yaml, source: source, base: .default)
    }

    /// Reads and parses a theme file.
    public static func load(contentsOf path: String) throws -> Theme {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ThemeError(source: path, key: "", message: "cannot read file")
        }
        return try load(yaml: text, source: path)
    }

    static func parse(yaml: String, source: String, base: Theme?) throws -> Theme {
        func fail(_ key: String, _ message: String) -> ThemeError {
            ThemeError(source: source, key: key, message: message)
        }
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw fail("", "invalid YAML: " + YAMLErrorText.oneLine(error))
        }
        guard let root, let top = root.mapping else { throw fail("", "expected a mapping with `roles:`") }

        var name = base == nil ? "default" : (source as NSString).lastPathComponent
        var palette: [String: ThemeColor] = [:]
        var rolesNode: Node.Mapping?
        for (k, v) in top {
            let key = k.string ?? ""
            switch key {
            case "name":
                guard let s = v.string else { throw fail("name", "expected a string") }
                name = s
            case "palette":
                guard let m = v.mapping else { throw fail("palette", "expected a mapping of name: colour") }
                for (pk, pv) in m {
                    let pname = pk.string ?? ""
                    guard let c = pv.scalar.flatMap({ ThemeColor(parsing: $0.string) }) else {
                        throw fail("palette.\(pname)", colorMessage(pv))
                    }
                    palette[pname] = c
                }
            case "roles":
                guard let m = v.mapping else { throw fail("roles", "expected a mapping of role: style") }
                rolesNode = m
            default:
                throw fail(key, "unknown key (expected name, palette, roles)")
            }
        }
        guard let rolesNode else { throw fail("roles", "missing") }

        func color(_ node: Node, _ key: String) throws -> ThemeColor {
            guard case .scalar(let s) = node, !isNull(node) else { throw fail(key, colorMessage(node)) }
            if let c = palette[s.string] ?? ThemeColor(parsing: s.string) { return c }
            throw fail(key, colorMessage(node))
        }

        var styles = base?.styles ?? [:]
        for (k, v) in rolesNode {
            let roleKey = k.string ?? ""
            guard let role = StyleRole(yamlKey: roleKey) else {
                throw fail("roles.\(roleKey)", "unknown role")
            }
            let path = "roles.\(roleKey)"
            var style = Style()
            if case .scalar = v, !isNull(v) {
                style.fg = try color(v, path)
            } else if let m = v.mapping {
                for (ak, av) in m {
                    let attr = ak.string ?? ""
                    let apath = "\(path).\(attr)"
                    switch attr {
                    case "fg": style.fg = try color(av, apath)
                    case "bg": style.bg = try color(av, apath)
                    case "bold", "dim", "underline", "reverse":
                        guard let b = av.bool else { throw fail(apath, "expected true or false") }
                        switch attr {
                        case "bold": style.bold = b
                        case "dim": style.dim = b
                        case "underline": style.underline = b
                        default: style.reverse = b
                        }
                    default:
                        throw fail(apath, "unknown attribute (expected fg, bg, bold, dim, underline, reverse)")
                    }
                }
            } else {
                throw fail(path, "expected a colour or a mapping with fg, bg, bold, dim, underline, reverse")
            }
            styles[role] = style
        }
        if base == nil {
            let missing = StyleRole.allCases.filter { styles[$0] == nil }.map(\.yamlKey)
            if !missing.isEmpty { throw fail("roles", "missing " + missing.joined(separator: ", ")) }
        }
        return Theme(name: name, styles: styles)
    }
}

private func isNull(_ node: Node) -> Bool {
    guard case .scalar(let s) = node else { return false }
    return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
}

private func colorMessage(_ node: Node) -> String {
    if isNull(node) {
        return "missing colour (quote #RRGGBB: \"#ff8800\"; an unquoted # starts a YAML comment)"
    }
    if case .scalar(let s) = node { return "unknown color \"\(s.string)\"" }
    return "expected a colour: default, an ANSI name, 0-255 or \"#RRGGBB\""
}

