#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// How one run of a hook ended, with the start of what it printed.
public struct HookResult: Hashable, Sendable {
    public enum Status: Hashable, Sendable {
        case exited(Int32)
        case signalled(Int32)
        /// Ran past its timeout and was killed (whatever signal finally stopped it).
        case timedOut
        case failedToStart(String)
    }

    public var status: Status
    /// Start of stdout then stderr, at most `outputLimit` bytes of UTF-8, decoded lossily, with
    /// every control character except `\n` and `\t` replaced by U+FFFD so it can be shown on a
    /// terminal and stored in the ledger as is.
    public var output: String
    /// Wall-clock seconds from start to the end of the run.
    public var seconds: Double

    public init(status: Status, output: String, seconds: Double) {
        self.status = status
        self.output = output
        self.seconds = seconds
    }

    public var succeeded: Bool { status == .exited(0) }

    public var exitStatus: Int32? {
        if case .exited(let code) = status { return code }
        return nil
    }
}

/// Runs a hook's argv with a timeout and a bounded output excerpt. Never through a shell:
/// each argv element reaches the program as exactly one argument, whatever it contains.
public enum HookRunner {
    /// After SIGTERM, how long the hook has to exit before SIGKILL.
    static let killGrace: Duration = .seconds(2)
    /// How often the exit is looked at while waiting for it without a stream to wake us.
    static let pollInterval: Duration = .milliseconds(20)

    /// Runs argv[0] (looked up in PATH when it has no slash) with argv[1...] as arguments.
    /// Never a shell.
    ///
    /// `environment` is added to (and overrides) this process's environment; nil inherits it as
    /// is. Tools like `aws` and `vault` need the operator's PATH, HOME and credentials.
    ///
    /// Input is /dev/null and output two pipes. The hook runs in a process group of its own: past
    /// `timeoutSeconds` the group gets SIGTERM, then SIGKILL 2 s later, so grandchildren that
    /// ignore TERM or hold the output pipe open cannot keep this call waiting. (Being a background
    /// group also means a hook that opens the terminal to prompt is stopped rather than reading
    /// the operator's keys; the timeout then ends it.) Cancelling the calling task stops the hook
    /// the same way. Everything here is swift-subprocess 1.0.2 plus `kill`/`waitid` on the pid it
    /// hands the body; no posix_spawn of our own was needed.
    public static func run(_ argv: [String], timeoutSeconds: Double, outputLimit: Int = 4096,
                           environment: [String: String]? = nil) async -> HookResult {
        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> Double {
            let d = start.duration(to: clock.now).components
            return Double(d.seconds) + Double(d.attoseconds) / 1e18
        }
        guard let program = argv.first, !program.isEmpty else {
            return HookResult(status: .failedToStart("empty command"), output: "", seconds: 0)
        }
        // A C argv string ends at NUL: passing one would silently run a shorter, different argument.
        if argv.contains(where: { $0.utf8.contains(0) }) {
            return HookResult(status: .failedToStart("an argument contains a NUL byte"), output: "", seconds: 0)
        }
        let limit = max(0, outputLimit)
        // Clamped so an absurd or non-finite config value cannot trap in the conversion.
        let seconds = timeoutSeconds.isFinite ? min(max(0, timeoutSeconds), 31_536_000) : 31_536_000
        let timeout = Duration.milliseconds(Int64((seconds * 1000).rounded()))

        let executable: Executable = program.contains("/") ? .path(FilePath(program)) : .name(program)
        var env = Environment.inherit
        if let environment {
            var updates: [Environment.Key: String?] = [:]
            for (key, value) in environment { updates[Environment.Key(stringLiteral: key)] = value }
            env = .inherit.updating(updates)
        }
        var options = PlatformOptions()
        // A group of its own (pgid = the hook's pid), so a timeout reaches the hook's children too.
        options.processGroupID = 0
        // When the caller's task is cancelled outside our body, Subprocess tears down the same way.
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: killGrace)]

        do {
            let result = try await Subprocess.run(
                executable, arguments: Arguments(Array(argv.dropFirst())), environment: env,
                platformOptions: options, input: .none, output: .sequence, error: .sequence
            ) { execution in
                await supervise(execution, timeout: timeout, limit: limit)
            }
            let watch = result.closureResult
            let status: HookResult.Status
            if watch.timedOut {
                status = .timedOut
            } else {
                switch result.terminationStatus {
                case .exited(let code): status = .exited(Int32(code))
                case .signaled(let signal): status = .signalled(Int32(signal))
                }
            }
            return HookResult(status: status, output: excerpt(watch.standardOutput + watch.standardError, limit: limit),
                              seconds: elapsed())
        } catch {
            // Not found, not executable, spawn refused: reported, never thrown or fatal.
            return HookResult(status: .failedToStart("\(program): \(error)"), output: "", seconds: elapsed())
        }
    }

    // MARK: supervision

    struct Watch: Sendable {
        var standardOutput: [UInt8] = []
        var standardError: [UInt8] = []
        var timedOut = false
    }

    private enum Event: Sendable, Equatable {
        case standardOutput([UInt8]), standardError([UInt8]), deadline, cancelled
    }

    /// Reads both streams (bounded) and enforces the deadline. Runs inside Subprocess's body, where
    /// the child has not been reaped yet: its pid (and so its process group id) cannot have been
    /// reused, which makes signalling `-pid` safe here and only here.
    static func supervise(_ execution: Execution<NoInput, SequenceOutput, SequenceOutput>,
                          timeout: Duration, limit: Int) async -> Watch {
        let pid = execution.processIdentifier.value
        let deadline = ContinuousClock.now.advanced(by: timeout)
        return await withTaskGroup(of: Event.self) { group in
            group.addTask { .standardOutput(await drain(execution.standardOutput, limit: limit)) }
            group.addTask { .standardError(await drain(execution.standardError, limit: limit)) }
            group.addTask {
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    return .deadline
                } catch {
                    return .cancelled
                }
            }
            var watch = Watch()
            var openStreams = 2
            var stopped = false
            while let event = await group.next() {
                switch event {
                case .standardOutput(let bytes): watch.standardOutput = bytes; openStreams -= 1
                case .standardError(let bytes): watch.standardError = bytes; openStreams -= 1
                case .deadline, .cancelled:
                    // `.cancelled` after `cancelAll` below is only the timer going away.
                    guard !stopped, openStreams > 0 else { continue }
                    stopped = true
                    // Both streams open at the deadline usually means still running; but it may
                    // have exited this instant, and then it did not time out.
                    if event == .deadline && hasExited(pid) { continue }
                    watch.timedOut = event == .deadline
                    // The streams end once the child is dead: Subprocess cancels their reads when
                    // it exits, even if a grandchild still holds the pipe.
                    await stop(pid)
                }
                if openStreams == 0 {
                    group.cancelAll()
                    // Streams close at exit, or earlier when the hook closes them itself and runs
                    // on: then keep to the deadline, since Subprocess waits for the exit after us.
                    if !stopped {
                        let exited = await waitForExit(pid, until: deadline)
                        if !exited {
                            watch.timedOut = true
                            await stop(pid)
                        }
                    }
                    stopped = true
                }
            }
            return watch
        }
    }

    /// Reads a stream to its end, keeping the first `limit` bytes. The rest is read and dropped:
    /// a hook blocked on a full pipe would never exit, and a chatty one must not grow memory.
    static func drain(_ stream: SubprocessOutputSequence, limit: Int) async -> [UInt8] {
        var kept: [UInt8] = []
        kept.reserveCapacity(min(limit, 64 * 1024))
        do {
            for try await buffer in stream where kept.count < limit {
                buffer.withUnsafeBytes { raw in kept.append(contentsOf: raw.prefix(limit - kept.count)) }
            }
        } catch {
            // The read was cancelled because the child exited while a grandchild holds the pipe:
            // what was read so far is the excerpt.
        }
        return kept
    }

    /// SIGTERM to the hook's group, up to `killGrace` for the hook to exit, then SIGKILL to the
    /// group regardless: grandchildren that outlive a TERM-obeying parent go too.
    ///
    /// Detached, so that a cancelled caller still gets the full sequence: in a cancelled task
    /// `Task.sleep` returns at once and the grace period would become a busy loop.
    static func stop(_ pid: pid_t) async {
        await Task.detached {
            _ = kill(-pid, SIGTERM)
            _ = kill(pid, SIGTERM)  // in case it could not be made a group leader
            _ = await waitForExit(pid, until: ContinuousClock.now.advanced(by: killGrace))
            _ = kill(-pid, SIGKILL)
            _ = kill(pid, SIGKILL)
        }.value
    }

    /// Polls for the child's exit until `deadline`; true when it has exited.
    static func waitForExit(_ pid: pid_t, until deadline: ContinuousClock.Instant) async -> Bool {
        while !hasExited(pid) {
            if ContinuousClock.now >= deadline { return false }
            do { try await Task.sleep(for: pollInterval) } catch { return hasExited(pid) }
        }
        return true
    }

    /// Whether the child has terminated, looked at without reaping it (`WNOWAIT`): Subprocess
    /// reaps it after our body returns and reads the status from that.
    static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else {
            return errno == ECHILD  // already reaped (cannot happen inside the body) or not ours
        }
        // With WNOHANG and nothing to report, the pid field stays zero.
        #if canImport(Glibc)
        return info._sifields._sigchld.si_pid == pid
        #else
        return info.si_pid == pid
        #endif
    }

    // MARK: output text

    /// The first `limit` bytes of `bytes` as display-safe text of at most `limit` UTF-8 bytes:
    /// invalid UTF-8 and control characters (C0 except `\n` `\t`, DEL, C1) become U+FFFD, and a
    /// character cut by the limit is dropped rather than shown as garbage.
    static func excerpt(_ bytes: [UInt8], limit: Int) -> String {
        var head = Array(bytes.prefix(limit))
        if bytes.count > limit { dropCutSequence(&head) }
        var out = String.UnicodeScalarView()
        var used = 0
        for scalar in String(decoding: head, as: UTF8.self).unicodeScalars {
            let v = scalar.value
            let shown: Unicode.Scalar = (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v) ? "\u{FFFD}" : scalar
            let width = UTF8.width(shown)
            if used + width > limit { break }
            used += width
            out.append(shown)
        }
        return String(out)
    }

    /// Removes a trailing multi-byte UTF-8 sequence that is missing its last bytes.
    private static func dropCutSequence(_ bytes: inout [UInt8]) {
        var i = bytes.count - 1
        var continuation = 0
        while i >= 0, bytes[i] & 0xC0 == 0x80, continuation < 3 { i -= 1; continuation += 1 }
        guard i >= 0 else { return }
        let lead = bytes[i]
        let expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        if expected > 1 && continuation + 1 < expected { bytes.removeSubrange(i...) }
    }
}
