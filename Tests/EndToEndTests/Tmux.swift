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
        let status = Spawn.wait(try Spawn.start(argv, stdout: .file(outPath)))
        let output = captureOutput ? ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "") : ""
        return (status, output)
    }
}

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
