import ConfigFiles
/// How one role looks.
public struct Style: Hashable, Sendable {
    public var fg: ThemeColor
    public var bg: ThemeColor
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(fg: ThemeColor = .default, bg: ThemeColor = .default, bold: Bool = false,
                dim: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }
}

/// Role → style. Always complete: roles a theme file leaves out come from the default
/// theme, so the backend can index any role.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var styles: [StyleRole: Style]

    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        self.styles = styles
    }

    public subscript(role: StyleRole) -> Style {
        styles[role] ?? Style()
    }

    /// The default theme, from `builtinDefaultYAML` (identical to `themes/default.yaml`),
    /// so the binary works without the file on disk.
    public static let `default`: Theme = {
        do { return try Theme.parse(yaml: builtinDefaultYAML, source: "<builtin default>", base: nil) }
        catch { fatalError("builtin default theme does not parse: \(error)") }
    }()
}

/// A theme that could not be loaded: one line naming the file and the key.
public typealias ThemeError = ConfigError
