import Foundation

/// Drives a real terminal: a tmux server on its own socket, so tests never touch the
/// user's sessions, with `send-keys` to type and `capture-pane` to read the screen.
final class Tmux {
    let socket = "nhitop-e2e-\(UUID().uuidString.prefix(8))"
    let session = "e2e"

    static var available: Bool { (try? run(captureOutput: false, ["tmux", "-V"]).status) == 0 }

    /// Starts an interactive shell at the given size; the test types the command into it,
    /// so after nhitop exits the same terminal can be checked for usability.
    init(width: Int, height: Int) throws {
        // The server this starts outlives the call: it must not inherit a pipe we read to its end.
        let r = try Tmux.run(captureOutput: false, ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", session,
                              "-x", "\(width)", "-y", "\(height)",
                              "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=tmux-256color LANG=C.UTF-8 PS1='$ ' bash --norc --noprofile"])
        guard r.status == 0 else { throw TmuxError.failed("new-session: \(r.output)") }
        _ = try? tmux(["set-option", "-g", "history-limit", "0"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let r = try Tmux.run(["tmux", "-L", socket] + args)
        guard r.status == 0 else { throw TmuxError.failed("tmux \(args.joined(separator: " ")): \(r.output)") }
        return r.output
    }

    /// Types a line of text followed by Enter.
    func type(_ line: String) throws {
        try tmux(["send-keys", "-t", session, "-l", line])
        try tmux(["send-keys", "-t", session, "Enter"])
    }

    /// Sends tmux key names (`j`, `Tab`, `C-c`, `Up`).
    func keys(_ names: String...) throws {
        try tmux(["send-keys", "-t", session] + names)
    }

    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", session])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `predicate` holds; returns the screen and how long it took.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 10, _ predicate: (String) -> Bool) throws -> (String, TimeInterval) {
        let start = Date()
        var last = ""
        while Date().timeIntervalSince(start) < timeout {
            last = (try? screen()) ?? ""
            if predicate(last) { return (last, Date().timeIntervalSince(start)) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TmuxError.timeout("waited \(timeout)s for \(what); screen was:\n\(last)")
    }

    /// Runs a command and waits for it with posix_spawn + waitpid. (Foundation's Process
    /// left the exited tmux client unreaped here, hanging the test.) Output goes through
    /// a temporary file, never a pipe, so a daemon that inherits it cannot block us.
    static func run(captureOutput: Bool = true, _ argv: [String]) throws -> (status: Int32, output: String) {
        let outPath = captureOutput ? FileManager.default.temporaryDirectory
            .appendingPathComponent("nhitop-e2e-\(UUID().uuidString).out").path : "/dev/null"
        defer { if captureOutput { unlink(outPath) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else of ours is inherited. A tmux server started here outlives the call, and
        // any descriptor it inherited stays open with it: a file another test is writing at that
        // moment (a hook script) would then fail to run with "Text file busy".
        // (glibc 2.34+; Swift's Glibc module does not declare it, so it is looked up.)
        if let closeFrom = addCloseFrom { _ = closeFrom(&actions, 3) }
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        // A terminal's programs start with no blocked signals and default handlers. The test
        // runs on a thread that blocks some (SIGWINCH among them), and children would inherit that.
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, &attr, &cArgs, environ)
        guard rc == 0 else { throw TmuxError.failed("cannot run \(argv[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = captureOutput ? ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "") : ""
        return (code, output)
    }
}

/// `posix_spawn_file_actions_addclosefrom_np`, when the C library has it (RTLD_DEFAULT is nil on glibc).
private let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? =
    dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self) }

enum TmuxError: Error, CustomStringConvertible {
    case failed(String), timeout(String)
    var description: String {
        switch self {
        case let .failed(s), let .timeout(s): s
        }
    }
}

/// The built `nhitop` binary: `NHITOP_BIN`, else beside the test bundle (same build folder).
func nhitopBinary() -> String? {
    if let env = ProcessInfo.processInfo.environment["NHITOP_BIN"] { return env }
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<3 {
        let candidate = dir.appendingPathComponent("nhitop").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let fallback = root.appendingPathComponent(".build/debug/nhitop").path
    return FileManager.default.isExecutableFile(atPath: fallback) ? fallback : nil
}
