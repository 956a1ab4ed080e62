#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ConfigFiles
import Crypto
import Events
import Foundation
import Yams

extension ResponseConfig {
    /// Reads the hook config file at `path`, refusing one that someone else could have
    /// written: hooks run commands as the operator, so the file is as sensitive as a shell rc.
    ///
    /// ```yaml
    /// read_only: false          # true: no revoke, undo or acknowledge (shared jump-host account)
    /// grace: 60s                # allowed events this soon after a revoke are propagation, not failure
    /// acknowledge_quiet: 1h     # an acknowledged identity does not re-alert on the same signals for this long
    /// ledger: /var/lib/nhitop/ledger.sqlite
    /// denylist: /etc/opa/data/nhitop-denylist.json
    /// hooks:
    ///   aws-deactivate-key:
    ///     description: Deactivate the access key
    ///     scopes: [aws_user]
    ///     command: aws
    ///     args: [iam, update-access-key, --access-key-id, $CREDENTIAL_ID, --status, Inactive]
    ///     undo: {command: aws, args: [iam, update-access-key, --access-key-id, $CREDENTIAL_ID, --status, Active]}
    ///     survivors: STS sessions already issued stay valid until they expire
    /// ```
    /// See `examples/hooks/`. Every error is one line naming the file and the dotted key.
    public static func load(contentsOf path: String) throws(ConfigError) -> ResponseConfig {
        let text = try TrustedConfigFile.read(path)
        return try parse(yaml: text, source: path)
    }

    /// Parses hook config YAML; `source` names it in errors (usually its path).
    /// An empty file (or one holding only comments) is the empty config.
    public static func parse(yaml: String, source: String) throws(ConfigError) -> ResponseConfig {
        try ResponseConfigParser(source: source).parse(yaml)
    }

    /// Where the config is looked for without `--config`: `$XDG_CONFIG_HOME/nhitop/config.yaml`,
    /// else `$HOME/.config/nhitop/config.yaml`; nil when neither variable is set. The file
    /// may not exist: the caller checks (no file means no hooks, not an error).
    public static func defaultPath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/nhitop/config.yaml" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/nhitop/config.yaml" }
        return nil
    }
}

// MARK: - The file

/// Opens the file once and checks what was opened (not the path again), so the file cannot
/// be swapped between the check and the read.
private enum TrustedConfigFile {
    static func read(_ path: String) throws(ConfigError) -> String {
        func fail(_ message: String) -> ConfigError { ConfigError(source: path, key: "", message: message) }

        // O_NONBLOCK: a FIFO planted at the path must not hang startup; it is refused below.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { throw fail("cannot read file: \(errnoText())") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw fail("cannot read file: \(errnoText())") }
        guard st.st_mode & 0o170000 == 0o100000 else { throw fail("is not a regular file") }
        if st.st_mode & 0o002 != 0 {
            throw fail("is world-writable; refusing to load hooks from it (chmod o-w)")
        }
        let me = getuid()
        if st.st_uid != me && st.st_uid != 0 {
            throw fail("is owned by uid \(st.st_uid), not by you (uid \(me)) or root; refusing to load hooks from it")
        }
        // Anyone who can rename entries in the directory can replace the file.
        let url = URL(fileURLWithPath: path)
        var directories = [url.deletingLastPathComponent().path]
        let real = url.resolvingSymlinksInPath().deletingLastPathComponent().path
        if real != directories[0] { directories.append(real) }
        for dir in directories {
            var ds = stat()
            guard stat(dir, &ds) == 0 else { throw fail("cannot check its directory \(dir): \(errnoText())") }
            if ds.st_mode & 0o002 != 0 && ds.st_mode & 0o1000 == 0 {
                throw fail("is in \(dir), which is world-writable without the sticky bit; refusing to load hooks from it")
            }
        }

        let data: Data
        do {
            data = try FileHandle(fileDescriptor: fd, closeOnDealloc: false).readToEnd() ?? Data()
        } catch {
            throw fail("cannot read file: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw fail("is not UTF-8 text") }
        return text
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

// MARK: - The YAML

private struct ResponseConfigParser {
    let source: String

    func fail(_ key: String, _ message: String) -> ConfigError {
        ConfigError(source: source, key: key, message: message)
    }

    static let topKeys = ["hooks", "read_only", "grace", "acknowledge_quiet", "ledger", "denylist"]
    static let hookKeys = [
        "description", "scopes", "command", "args", "dangerous", "timeout", "undo", "dryRun", "dry_run",
        "survivors", "grace",
    ]
    /// The plan offers these itself; a hook by the same name would be ambiguous in the ledger.
    static let reservedNames: Set<String> = ["denylist", "manual"]
    static let maxTimeoutSeconds: Int64 = 3600

    func parse(_ yaml: String) throws(ConfigError) -> ResponseConfig {
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw fail("", "invalid YAML: " + YAMLErrorText.oneLine(error))
        }
        var config = ResponseConfig(source: source)
        guard let root, root.null == nil else { return config }
        guard let top = root.mapping else { throw fail("", "expected a mapping of settings (see examples/hooks/)") }
        var seen: Set<String> = []
        for (k, v) in top {
            let key = try name(k, at: "")
            guard seen.insert(key).inserted else { throw fail(key, "given twice") }
            switch key {
            case "hooks": config.hooks = try hooks(v)
            case "read_only": config.readOnly = try bool(v, key)
            case "grace": config.graceSeconds = try duration(v, key, atMost: Self.maximumGrace)
            case "acknowledge_quiet": config.acknowledgeQuietSeconds = try duration(v, key, atMost: 365 * 86_400)
            case "ledger": config.ledgerPath = try path(v, key)
            case "denylist": config.denylistPath = try path(v, key)
            default: throw fail(key, "unknown key (known: \(Self.topKeys.joined(separator: ", ")))")
            }
        }
        return config
    }

    func hooks(_ node: Node) throws(ConfigError) -> [Hook] {
        if node.null != nil { return [] }  // `hooks:` with nothing under it
        guard let m = node.mapping else { throw fail("hooks", "expected a mapping of hook name: {command, args, …}") }
        var hooks: [Hook] = []
        var seen: Set<String> = []
        for (k, v) in m {
            let hookName = try name(k, at: "hooks.")
            let at = "hooks.\(hookName)"
            guard hookName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw fail(at, "hook names are letters, digits, '-' and '_'")
            }
            guard !Self.reservedNames.contains(hookName) else {
                throw fail(at, "\"\(hookName)\" is a built-in; choose another name")
            }
            guard seen.insert(hookName).inserted else { throw fail(at, "given twice") }
            hooks.append(try hook(hookName, v, at: at))
        }
        return hooks
    }

    func hook(_ hookName: String, _ node: Node, at: String) throws(ConfigError) -> Hook {
        guard let m = node.mapping else { throw fail(at, "expected a mapping with command, args, …") }
        var description = ""
        var scopes: [IdentityKind] = []
        var command: String?
        var args: [String] = []
        var dangerous = false
        var timeout: Int64 = 30
        var undo: HookTemplate?
        var dryRun: HookTemplate?
        var survivors: [String] = []
        var grace: Int64?
        var seen: Set<String> = []
        for (k, v) in m {
            let key = try name(k, at: at + ".")
            let here = "\(at).\(key)"
            // `dryRun` and `dry_run` are one setting.
            guard seen.insert(key == "dry_run" ? "dryRun" : key).inserted else { throw fail(here, "given twice") }
            switch key {
            case "description": description = try string(v, here)
            case "scopes": scopes = try kinds(v, here)
            case "command": command = try program(v, here)
            case "args": args = try strings(v, here)
            case "dangerous": dangerous = try bool(v, here)
            case "timeout":
                timeout = try duration(v, here)
                guard timeout > 0, timeout <= Self.maxTimeoutSeconds else {
                    throw fail(here, "must be more than 0s and at most 1h")
                }
            case "undo": undo = try template(v, here)
            case "dryRun", "dry_run": dryRun = try template(v, here)
            case "survivors":
                survivors = v.scalar != nil ? [try string(v, here)] : try strings(v, here)
            case "grace": grace = try duration(v, here, atMost: Self.maximumGrace)
            default: throw fail(here, "unknown key (known: \(Self.hookKeys.joined(separator: ", ")))")
            }
        }
        guard let command else { throw fail("\(at).command", "required: the program to run") }
        let run = HookTemplate(command: command, args: args)
        try checkVariables(run, at: at)
        var hook = Hook(name: hookName, description: description, scopes: scopes, run: run, dangerous: dangerous,
                        timeoutSeconds: Double(timeout), undo: undo, dryRun: dryRun, survivors: survivors,
                        graceSeconds: grace)
        hook.definitionHash = Self.definitionHash(hook)
        return hook
    }

    /// `undo:` and `dryRun:`: `{command, args}`.
    func template(_ node: Node, _ at: String) throws(ConfigError) -> HookTemplate {
        guard let m = node.mapping else { throw fail(at, "expected a mapping with command and args") }
        var command: String?
        var args: [String] = []
        var seen: Set<String> = []
        for (k, v) in m {
            let key = try name(k, at: at + ".")
            let here = "\(at).\(key)"
            guard seen.insert(key).inserted else { throw fail(here, "given twice") }
            switch key {
            case "command": command = try program(v, here)
            case "args": args = try strings(v, here)
            default: throw fail(here, "unknown key (known: command, args)")
            }
        }
        guard let command else { throw fail("\(at).command", "required: the program to run") }
        let t = HookTemplate(command: command, args: args)
        try checkVariables(t, at: at)
        return t
    }

    /// A typo in a variable must fail now, not at 3 a.m. when the operator presses `R`:
    /// expand with every variable set, so the only errors left are unknown names.
    func checkVariables(_ t: HookTemplate, at: String) throws(ConfigError) {
        var placeholders: [HookVariable: String] = [:]
        for v in HookVariable.allCases { placeholders[v] = "x" }
        do { _ = try HookArgv.expand(t, variables: placeholders) } catch {
            let (i, message): (Int, String) = switch error {
            case let .unknownVariable(name, i):
                (i, "unknown variable $\(name) (known: \(HookVariable.allCases.map { "$" + $0.rawValue }.joined(separator: " ")))")
            case let .unterminated(i): (i, "unterminated ${")
            case let .emptyVariable(name, i): (i, "$\(name) is empty")  // cannot happen: every placeholder is set
            }
            throw fail(i == 0 ? "\(at).command" : "\(at).args[\(i - 1)]", message)
        }
    }

    /// The program: a literal. A variable there would let log data choose what runs.
    func program(_ node: Node, _ at: String) throws(ConfigError) -> String {
        let command = try string(node, at)
        guard !command.isEmpty else { throw fail(at, "must not be empty") }
        do { _ = try HookArgv.substitute(command, index: 0, variables: [:]) } catch {
            if case .unterminated = error { throw fail(at, "unterminated ${") }
            throw fail(at, "variables are not allowed in command (a variable must never choose the program); use args")
        }
        if command.contains(" "), !command.contains("/") {
            throw fail(at, "is one program, run without a shell; put its arguments under args")
        }
        return command
    }

    func kinds(_ node: Node, _ at: String) throws(ConfigError) -> [IdentityKind] {
        let labels = node.scalar != nil ? [try string(node, at)] : try strings(node, at)
        guard !labels.isEmpty else { throw fail(at, "empty; leave scopes out to apply to every kind") }
        var kinds: [IdentityKind] = []
        for (i, label) in labels.enumerated() {
            guard let kind = IdentityKind(label: label) else {
                let known = IdentityKind.allCases.map(\.label).joined(separator: ", ")
                throw fail(node.scalar != nil ? at : "\(at)[\(i)]", "unknown identity kind \"\(label)\" (known: \(known))")
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds
    }

    // MARK: scalars

    func name(_ node: Node, at prefix: String) throws(ConfigError) -> String {
        guard let s = node.scalar, !s.string.isEmpty else { throw fail(prefix.isEmpty ? "" : String(prefix.dropLast()), "keys must be plain names") }
        return s.string
    }

    /// Any scalar as written (`10` is "10"), except a bare null: `- ` is a slip, not an argument.
    func string(_ node: Node, _ at: String) throws(ConfigError) -> String {
        guard let s = node.scalar else { throw fail(at, "must be a string") }
        if s.style == .plain, node.null != nil { throw fail(at, "must be a string (write \"\" for an empty one)") }
        return s.string
    }

    func strings(_ node: Node, _ at: String) throws(ConfigError) -> [String] {
        if node.null != nil { return [] }
        guard let seq = node.sequence else { throw fail(at, "must be a list of strings") }
        var out: [String] = []
        for (i, element) in seq.enumerated() {
            // `- --flag: value` is a mapping, not the string it looks like.
            guard element.scalar != nil else { throw fail("\(at)[\(i)]", "must be a string (quote it)") }
            out.append(try string(element, "\(at)[\(i)]"))
        }
        return out
    }

    func bool(_ node: Node, _ at: String) throws(ConfigError) -> Bool {
        guard let b = node.bool else { throw fail(at, "must be true or false") }
        return b
    }

    func path(_ node: Node, _ at: String) throws(ConfigError) -> String {
        let p = try string(node, at)
        guard !p.isEmpty else { throw fail(at, "must not be empty") }
        guard !p.hasPrefix("~") else { throw fail(at, "write the full path: ~ is not expanded") }
        return p
    }

    /// `30s`, `5m`, `2h`, `1d`, or whole seconds.
    /// Propagation takes minutes, not weeks: a longer grace would hide every use after revoke.
    static let maximumGrace: Int64 = 7 * 86_400

    func duration(_ node: Node, _ at: String, atMost limit: Int64) throws(ConfigError) -> Int64 {
        let seconds = try duration(node, at)
        guard seconds <= limit else { throw fail(at, "must be at most \(limit / 86_400)d") }
        return seconds
    }

    func duration(_ node: Node, _ at: String) throws(ConfigError) -> Int64 {
        let message = "must be a duration like 30s, 5m, 2h, 1d, or whole seconds"
        guard let s = node.scalar?.string, !s.isEmpty else { throw fail(at, message) }
        var digits = Substring(s)
        var unit: Int64 = 1
        if let last = s.last, !last.isNumber {
            switch last {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86400
            default: throw fail(at, message)
            }
            digits = digits.dropLast()
        }
        // Nine digits is 31 years in seconds: enough, and far from overflow.
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let n = Int64(digits) else { throw fail(at, message) }
        return n * unit
    }

    // MARK: hash

    /// SHA-256 of everything that decides what the hook does (not its words), each string
    /// length-prefixed so no two definitions share a text. The ledger stores it to prove what ran.
    static func definitionHash(_ hook: Hook) -> String {
        var text = "nhitop-hook-v1\n"
        func field(_ label: String, _ values: [String]) {
            text += label
            for v in values { text += " \(v.utf8.count):\(v)" }
            text += "\n"
        }
        func template(_ label: String, _ t: HookTemplate?) {
            guard let t else { field(label, []); return }
            field(label, [t.command] + t.args)
        }
        field("name", [hook.name])
        template("run", hook.run)
        template("undo", hook.undo)
        template("dryRun", hook.dryRun)
        field("scopes", hook.scopes.map(\.label))
        field("dangerous", [hook.dangerous ? "true" : "false"])
        field("timeout", [String(Int64(hook.timeoutSeconds))])
        field("grace", hook.graceSeconds.map { [String($0)] } ?? [])
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
