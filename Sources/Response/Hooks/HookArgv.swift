/// A revoke hook's command line before variables are filled in, e.g.
/// `aws iam update-access-key --access-key-id $CREDENTIAL_ID --status Inactive`.
///
/// Hooks run as an argv, never through a shell: a variable's value becomes (part of)
/// exactly one argument, whatever quotes, semicolons or `$(…)` it holds.
public struct HookTemplate: Hashable, Sendable {
    public var command: String
    public var args: [String]

    public init(command: String, args: [String]) {
        self.command = command
        self.args = args
    }
}

public enum HookArgvError: Error, Equatable, CustomStringConvertible {
    /// The template names a variable nhitop does not define (a typo in the hook file).
    case unknownVariable(String, argument: Int)
    /// The variable is defined but empty for this identity: running would act on the wrong target.
    case emptyVariable(String, argument: Int)
    /// `${` without its closing brace.
    case unterminated(argument: Int)

    public var description: String {
        switch self {
        case let .unknownVariable(name, i): "argument \(i): unknown variable $\(name)"
        case let .emptyVariable(name, i): "argument \(i): $\(name) is empty for this identity; refusing to run"
        case let .unterminated(i): "argument \(i): unterminated ${"
        }
    }
}

/// The variables a hook may use (risk-and-response notes, §5).
public enum HookVariable: String, CaseIterable, Sendable {
    case IDENTITY_ID, IDENTITY_NAME, IDENTITY_KIND, CREDENTIAL_ID, SESSION_ID, NAMESPACE, ACCOUNT
    case REASON, TICKET, TTL, OPERATOR, ACTION_ID, DRY_RUN
}

public enum HookArgv {
    /// Fills `$NAME` and `${NAME}` in the command and each argument; `$$` is a literal `$`.
    /// Returns the argv to exec (element 0 is the command).
    public static func expand(_ template: HookTemplate, variables: [HookVariable: String]) throws(HookArgvError) -> [String] {
        var argv: [String] = []
        argv.reserveCapacity(template.args.count + 1)
        for (i, element) in ([template.command] + template.args).enumerated() {
            argv.append(try substitute(element, index: i, variables: variables))
        }
        return argv
    }

    static func substitute(_ text: String, index: Int, variables: [HookVariable: String]) throws(HookArgvError) -> String {
        var out = ""
        var scalars = text.unicodeScalars[...]
        while let c = scalars.popFirst() {
            guard c == "$" else { out.unicodeScalars.append(c); continue }
            if scalars.first == "$" { scalars.removeFirst(); out.append("$"); continue }
            var name = ""
            if scalars.first == "{" {
                scalars.removeFirst()
                guard let close = scalars.firstIndex(of: "}") else { throw .unterminated(argument: index) }
                name = String(String.UnicodeScalarView(scalars[..<close]))
                scalars = scalars[scalars.index(after: close)...]
            } else {
                while let n = scalars.first, n == "_" || ("A"..."Z").contains(n) || ("0"..."9").contains(n) {
                    name.unicodeScalars.append(n)
                    scalars.removeFirst()
                }
                if name.isEmpty { out.append("$"); continue }
            }
            guard let variable = HookVariable(rawValue: name) else { throw .unknownVariable(name, argument: index) }
            guard let value = variables[variable], !value.isEmpty else { throw .emptyVariable(name, argument: index) }
            out += value
        }
        return out
    }

    /// The argv as shown on screen and written to the ledger: every occurrence of a secret
    /// value is replaced by `***`, so the record of a revoke never leaks what it revoked.
    public static func redacted(_ argv: [String], secrets: [String]) -> [String] {
        let secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
        return argv.map { element in
            secrets.reduce(element) { $0.replacing($1, with: "***") }
        }
    }
}
