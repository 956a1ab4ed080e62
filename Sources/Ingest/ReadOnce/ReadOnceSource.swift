#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Events

/// A file or a directory read once to its end, not followed: `.gz` archives and backfills.
///
/// - A directory means every regular file below it, recursively, in byte order of the full path
///   (deterministic). Hidden entries (a name starting with `.`) are skipped, and so is everything
///   below a hidden directory: `.git`, editor swap files, `.DS_Store` are not logs. A symbolic
///   link to a file is read; a link to a directory is not descended (no cycles). The listing is
///   taken once, on the first `pump`.
/// - Each file gets its own decoder (shape sniffing, line numbers and an event's `origin.source`
///   are per file) and is gzip-inflated when it starts with `1f 8b`.
/// - `pump` does bounded work; `status` aggregates the files under the path's name and becomes
///   `.finished` at the end (`.failed`, with the first problem, if any file failed: events
///   decoded before a problem are kept). `fileStatuses` has one status per file started so far.
/// - With `options.decodeThreads` other than 1 (and more than one core), the files are decoded
///   in blocks on several threads (`ParallelReadOnce`), with the same events, in the same order,
///   and the same counts; `pump` then merges about `maxBytes` of decoded blocks per call.
public struct ReadOnceSource {
    public let path: String
    public let options: IngestOptions
    /// At most this many files are opened per `pump`, so a directory of empty files stays bounded.
    public var maxFilesPerPump = 64

    private var listed = false
    private var isDirectory = false
    private var files: [String] = []
    private var next = 0
    private var reader: OnceFileReader?
    private var decoder: SourceDecoder?
    private var completed: [SourceStatus] = []
    private var rootProblem: String?
    /// The parallel read of `files`, when more than one thread decodes.
    private var parallel: ParallelReadOnce?
    /// Every file opened so far, so a glob over rotated names does not read one twice.
    private var sequentialIdentities: [(id: FileIdentity, path: String)] = []
    var identities: [(id: FileIdentity, path: String)] { parallel?.identities ?? sequentialIdentities }

    public init(path: String, options: IngestOptions = IngestOptions()) {
        self.path = path
        self.options = options
    }

    /// True once every file has been read to its end (or could not be read).
    public var isFinished: Bool {
        if let parallel { return parallel.isFinished }
        return listed && reader == nil && next >= files.count
    }

    /// Reads and decodes at most about `maxBytes` (decompressed), emitting events in order.
    /// Returns the bytes decoded; 0 does not mean finished (see `isFinished`).
    @discardableResult
    public mutating func pump(maxBytes: Int, emit: (NormalizedEvent) -> Void) -> Int {
        if !listed {
            list()
            if options.resolvedDecodeThreads > 1 && !files.isEmpty {
                parallel = ParallelReadOnce(inputs: files.map { .path($0) }, options: options,
                                            threads: options.resolvedDecodeThreads, blockBytes: options.decodeBlockBytes)
            }
        }
        if let parallel { return parallel.pump(maxBytes: maxBytes, maxInputs: maxFilesPerPump, emit: emit) }
        var total = 0
        var opened = 0
        while total < maxBytes {
            if reader == nil {
                guard next < files.count, opened < maxFilesPerPump else { break }
                reader = OnceFileReader(path: files[next])
                decoder = SourceDecoder(sourceName: files[next], options: options)
                next += 1
                opened += 1
            }
            var r = reader!
            var d = decoder!
            total += r.poll(maxBytes: maxBytes - total) { d.feed($0, emit: emit) }
            if r.atEnd {
                d.finish(emit: emit)
                var s = d.status
                if let p = r.problem { s.state = .failed; s.message = p }
                completed.append(s)
                if let id = r.identity { sequentialIdentities.append((id, r.path)) }
                reader = nil
                decoder = nil
            } else {
                reader = r
                decoder = d
            }
        }
        return total
    }

    /// Per file, in path order: the finished ones and the one being read.
    public var fileStatuses: [SourceStatus] {
        var all = parallel?.completed ?? completed
        if let current = parallel?.currentStatus { all.append(current) }
        if let decoder {
            var s = decoder.status
            s.state = .following
            all.append(s)
        }
        if let rootProblem {
            all.append(SourceStatus(name: path, state: .failed, message: rootProblem))
        }
        return all
    }

    /// The files' counts summed under `path`.
    public var status: SourceStatus {
        var s = SourceStatus(name: path, state: isFinished ? .finished : .following)
        var byFormat: [SourceFormat: Int] = [:]
        var problems: [String] = []
        for f in fileStatuses {
            s.events += f.events
            s.malformed += f.malformed
            s.ignored += f.ignored
            s.skipped += f.skipped
            s.clockSkewed += f.clockSkewed
            s.auditIDReused += f.auditIDReused
            if let format = f.format { byFormat[format, default: 0] += f.events }
            if f.state == .failed { problems.append(f.message) }
        }
        s.format = byFormat.max { a, b in a.value != b.value ? a.value < b.value : a.key.rawValue > b.key.rawValue }?.key
        if let first = problems.first {
            s.state = .failed
            s.message = problems.count == 1 ? first : "\(first) (and \(problems.count - 1) more)"
        }
        return s
    }

    // MARK: Listing

    private mutating func list() {
        listed = true
        var st = stat()
        guard stat(path, &st) == 0 else {
            rootProblem = "\(path): \(errno == ENOENT ? "no such file or directory" : String(cString: strerror(errno)))"
            return
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            isDirectory = true
            var found: [String] = []
            let root = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
            walk(root, into: &found)
            files = found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } else {
            files = [path]
        }
    }

    private mutating func walk(_ dir: String, into found: inout [String]) {
        guard let handle = opendir(dir) else {
            if dir == path || dir + "/" == path {
                rootProblem = "\(path): \(String(cString: strerror(errno)))"
            }
            return
        }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }  // also . and ..
            let full = dir == "/" ? "/" + name : dir + "/" + name
            var st = stat()
            guard lstat(full, &st) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                walk(full, into: &found)
            case S_IFREG:
                found.append(full)
            case S_IFLNK:
                var target = stat()
                if stat(full, &target) == 0 && (target.st_mode & S_IFMT) == S_IFREG { found.append(full) }
            default:
                continue  // sockets, fifos, devices: not logs, and a fifo would block
            }
        }
    }
}
