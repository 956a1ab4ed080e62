/// # ConfigFiles
/// What every YAML file nhitop reads (themes, format mappings, risk config) shares: an
/// error that is one line naming the file and the key, and YAML syntax errors made one line.
import Events
import Yams

/// A config file that cannot be used, e.g. `themes/x.yaml: roles.risk_high.fg: unknown color "purpel"`.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public var source: String
    /// Dotted path of the offending key; empty for file-level problems (unreadable, YAML syntax).
    public var key: String
    public var message: String

    public init(source: String, key: String, message: String) {
        self.source = source
        self.key = key
        self.message = message
    }

    /// One line, safe to print: the key, the message (which may quote a value) and even
    /// the path come from whoever wrote the file, so every control or format character is
    /// shown as its `\u{HEX}` escape (see `DisplaySafe`), for every config file at once.
    public var description: String {
        DisplaySafe.text(key.isEmpty ? "\(source): \(message)" : "\(source): \(key): \(message)")
    }
}

public enum YAMLErrorText {
    /// Yams' errors span several lines with a caret diagram; an operator needs the line and the problem.
    public static func oneLine(_ error: Error) -> String {
        if let y = error as? YamlError {
            switch y {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                return "line \(mark.line): \(problem)"
            default: break
            }
        }
        return String(describing: error).split(whereSeparator: { $0 == "\n" }).first.map(String.init) ?? "parse error"
    }
}
