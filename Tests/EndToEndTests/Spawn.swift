import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts a process the way a shell in a terminal would, for every end-to-end test:
/// standard input from /dev/null, output to files (never a pipe a daemon could inherit and
/// block us on), no blocked signals, default handlers, and no descriptor of the test process
/// beyond 0–2. Returns the pid; the caller waits (`Spawn.wait`).
enum Spawn {
    enum Output {
        /// A file, created or truncated, mode 0600.
        case file(String)
        /// An open descriptor of the test process, duplicated onto the child's.
        case descriptor(Int32)
        /// The child's standard output again (stderr only).
        case standardOutput
    }

    static func start(_ argv: [String], stdout: Output, stderr: Output = .standardOutput) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (fd, output) in [(Int32(1), stdout), (Int32(2), stderr)] {
            switch output {
            case .file(let path): posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            case .descriptor(let source): posix_spawn_file_actions_adddup2(&actions, source, fd)
            case .standardOutput: posix_spawn_file_actions_adddup2(&actions, 1, fd)
            }
        }
        // Nothing else of ours is inherited. A tmux server started here outlives the call, and
        // any descriptor it inherited stays open with it: a file another test is writing at that
        // moment (a hook script) would then fail to run with "Text file busy".
        // (glibc 2.34+; Swift's Glibc module does not declare it, so it is looked up.)
        if let closeFrom = addCloseFrom { _ = closeFrom(&actions, 3) }
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
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, &attr, &cArgs, environ)
        guard rc == 0 else { throw TmuxError.failed("cannot run \(argv[0]): \(String(cString: strerror(rc)))") }
        return pid
    }

    /// Waits for `pid`: its exit status, or 128 + n when signal n ended it.
    static func wait(_ pid: pid_t) -> Int32 {
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        return exitCode(raw)
    }

    /// A raw `waitpid` status as a shell reports it.
    static func exitCode(_ raw: Int32) -> Int32 {
        (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
    }
}

/// A process started without waiting for it (`Spawn.start`): killed and reaped if it is
/// dropped before its status was taken.
final class Spawned {
    let pid: pid_t
    private var status: Int32?

    init(_ argv: [String], stdout: Spawn.Output, stderr: Spawn.Output = .standardOutput) throws {
        pid = try Spawn.start(argv, stdout: stdout, stderr: stderr)
    }

    /// Standard output and error both to `output`.
    convenience init(_ argv: [String], output: String) throws {
        try self.init(argv, stdout: .file(output))
    }

    deinit { if status == nil { kill(SIGKILL); _ = wait() } }

    func kill(_ signal: Int32) { _ = Glibc.kill(pid, signal) }

    /// The exit status, 128 + n when signal n ended it.
    func wait() -> Int32 {
        if let status { return status }
        let code = Spawn.wait(pid)
        status = code
        return code
    }

    /// The exit status if it ends within `timeout`; otherwise it is killed and this throws,
    /// naming `what` it was waiting for.
    func exitStatus(timeout: TimeInterval, _ what: @autoclosure () -> String) throws -> Int32 {
        if let status { return status }
        let start = Date()
        var raw: Int32 = 0
        while Date().timeIntervalSince(start) < timeout {
            let r = waitpid(pid, &raw, WNOHANG)
            if r == pid {
                status = Spawn.exitCode(raw)
                return Spawn.exitCode(raw)
            }
            if r < 0 && errno != EINTR { throw TmuxError.failed("waitpid: \(String(cString: strerror(errno)))") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(SIGKILL)
        _ = wait()
        throw TmuxError.timeout("\(what()) did not exit within \(timeout)s")
    }
}

/// `posix_spawn_file_actions_addclosefrom_np`, when the C library has it (RTLD_DEFAULT is nil on glibc).
private let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? =
    dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self) }
