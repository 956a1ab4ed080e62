import Yams

/// How rule files read YAML nodes: scalars as the text written, YAML null told apart.
/// Files are composed with `Resolver.basic` (no implicit tags: resolving them runs a regular
/// expression per scalar and was most of the load time), so null and booleans are read from
/// the text here.
extension Node {
    /// True for a plain `null`, `~` or an empty plain scalar (not for `''`).
    var isYAMLNull: Bool {
        guard case .scalar(let s) = self else { return false }
        return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// A scalar's text as written (numbers and booleans too); nil for containers and null.
    var scalarText: String? {
        guard case .scalar(let s) = self, !isYAMLNull else { return nil }
        return s.string
    }

    /// A string, or a list of strings (a lone string is a one-element list).
    var textList: [String]? {
        if let s = scalarText { return [s] }
        guard let seq = sequence else { return nil }
        var out: [String] = []
        for n in seq {
            guard let s = n.scalarText else { return nil }
            out.append(s)
        }
        return out
    }

    /// A plain `true`/`false` (any YAML spelling), or the strings "true"/"false".
    var boolValue: Bool? {
        guard let t = scalarText?.lowercased() else { return nil }
        switch t {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }
}

enum YAMLText {
    /// A Yams error as one line.
    static func oneLine(_ error: Error) -> String {
        let text = String(describing: error)
        let first = text.split(whereSeparator: { $0 == "\n" }).first.map(String.init) ?? text
        return first.count > 160 ? String(first.prefix(160)) + "…" : first
    }
}
