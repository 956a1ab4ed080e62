#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Events

/// All the dashboard's inputs, from the paths the user named. The CLI hands it the paths;
/// it decides what each one is, expands globs and keeps them up to date.
///
/// What a path becomes:
/// - `-`: standard input (read as it arrives, finished at its end).
/// - an existing directory: read once, recursively (`ReadOnceSource`).
/// - an existing file starting with the gzip magic `1f 8b`, or named `*.gz`: read once, inflated.
/// - any other existing file: followed like `tail -F`.
/// - a path containing `*`, `?` or `[` that does not exist literally: a `glob(3)` pattern.
///   Matches are taken at creation and again about once a second (by the `now` given to
///   `pump`); each new match becomes a source as above, read from its start. A pattern that
///   matches nothing yet shows as `.waiting`. A match that is a file already being read
///   (same device and inode: a rotated `app.log` showing up as `app.log.1`) is skipped; a file
///   that is gone is forgotten, so a new file reusing its inode is read (`KnownFiles`).
/// - a path that does not exist yet: `.waiting`, checked about once a second, and then
///   classified as above when it appears.
public struct InputSet {
    public let options: IngestOptions
    /// How often globs and missing paths are looked at again, in microseconds of `now`.
    public var rescanInterval: Int64 = 1_000_000

    private enum Entry {
        case source(InputSource)
        /// A glob pattern, or a literal path not there yet (`isPattern` false).
        case pending(Pending)
    }

    private struct Pending {
        let pattern: String
        let isPattern: Bool
        var sources: [InputSource] = []
        var matched: Set<String> = []
    }

    private var entries: [Entry] = []
    private var claimed: Set<String> = []
    private var known = KnownFiles()
    private var lastScan: EventTime?
    private var rotation = 0

    /// `sources` (e.g. the demo) come first, then one entry per path, in order.
    /// Every source made here shares one Kubernetes auditID dedupe (`options.auditIDs`, created
    /// when nil): a request whose stages straddle a rotation counts once.
    public init(sources: [InputSource] = [], paths: [String], options: IngestOptions = IngestOptions()) {
        var options = options
        if options.auditIDs == nil { options.auditIDs = AuditIDDedupe(capacity: options.dedupeCapacity) }
        self.options = options
        entries = sources.map { .source($0) }
        for path in paths {
            if path == "-" {
                entries.append(.source(.standardInput(options: options)))
            } else if access(path, F_OK) == 0 {
                claimed.insert(path)
                let source = Self.source(for: path, options: options)
                if let s = KnownFiles.fileStat(path) { known.remember(s.id, path: path, size: s.size) }
                entries.append(.source(source))
            } else {
                let isPattern = path.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" })
                entries.append(.pending(Pending(pattern: path, isPattern: isPattern)))
            }
        }
        rescan()
    }

    /// Whether a path names a glob pattern (`*`, `?` or `[`) rather than a literal file.
    public static func isGlob(_ path: String) -> Bool {
        path.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) && access(path, F_OK) != 0
    }

    /// The source an existing path becomes: a directory or gzip file is read once, else followed.
    public static func source(for path: String, options: IngestOptions = IngestOptions()) -> InputSource {
        readsOnce(path) ? .readOnce(path, options: options) : .file(path, options: options)
    }

    /// True for a directory, a file starting with the gzip magic, or a name ending in `.gz`.
    public static func readsOnce(_ path: String) -> Bool {
        var st = stat()
        if stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR { return true }
        if path.hasSuffix(".gz") { return true }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { _ = closeDescriptor(fd) }
        var magic: (UInt8, UInt8) = (0, 0)
        let n = withUnsafeMutableBytes(of: &magic) { read(fd, $0.baseAddress, 2) }
        return n == 2 && magic.0 == 0x1F && magic.1 == 0x8B
    }

    /// Pumps every source, sharing about `maxBytes` between them (what one source leaves
    /// unused goes to the next; the first in line rotates so none starves). Globs and missing
    /// paths are looked at again when `rescanInterval` has passed since the last look.
    @discardableResult
    public mutating func pump(maxBytes: Int, now: EventTime, emit: (NormalizedEvent) -> Void) -> Int {
        if let last = lastScan {
            if now.microseconds - last.microseconds >= rescanInterval || now.microseconds < last.microseconds {
                lastScan = now
                rescan()
            }
        } else {
            lastScan = now
        }
        var slots: [(Int, Int?)] = []  // (entry, index within a pending entry)
        for (i, entry) in entries.enumerated() {
            switch entry {
            case .source: slots.append((i, nil))
            case let .pending(p): for j in p.sources.indices { slots.append((i, j)) }
            }
        }
        guard !slots.isEmpty else { return 0 }
        rotation = (rotation + 1) % slots.count
        var total = 0
        for k in 0..<slots.count {
            let (i, j) = slots[(rotation + k) % slots.count]
            let share = max(1, (maxBytes - total) / (slots.count - k))
            total += withSource(i, j) { $0.pump(maxBytes: share, now: now, emit: emit) }
            if total >= maxBytes { break }
        }
        var identities: [(id: FileIdentity, path: String, open: Bool)] = []
        for (i, j) in slots { withSource(i, j) { identities += $0.fileIdentities } }
        known.update(held: identities)
        return total
    }

    /// One status per input, in the order named; a glob shows its matches, or one `.waiting`
    /// status while it matches nothing. For the header.
    public var statuses: [SourceStatus] { collect { [$0.status] } }

    /// Like `statuses`, but a directory contributes one status per file. For `report`.
    public var fileStatuses: [SourceStatus] { collect(\.fileStatuses) }

    /// True when every input has been read to its end: never while a file is followed,
    /// a glob or missing path waits, or the demo runs.
    public var isFinished: Bool {
        entries.allSatisfy {
            switch $0 {
            case let .source(s): s.isFinished
            case .pending: false
            }
        }
    }

    // MARK: Internals

    private func collect(_ get: (InputSource) -> [SourceStatus]) -> [SourceStatus] {
        var out: [SourceStatus] = []
        for entry in entries {
            switch entry {
            case let .source(s):
                out += get(s)
            case let .pending(p) where p.sources.isEmpty:
                let message = p.isPattern ? "\(p.pattern): no files match yet"
                                          : "\(p.pattern): waiting for the file to appear"
                out.append(SourceStatus(name: p.pattern, state: .waiting, message: message))
            case let .pending(p):
                for s in p.sources { out += get(s) }
            }
        }
        return out
    }

    @discardableResult
    private mutating func withSource<R>(_ i: Int, _ j: Int?, _ body: (inout InputSource) -> R) -> R {
        switch entries[i] {
        case var .source(s):
            entries[i] = .pending(Pending(pattern: "", isPattern: false))  // keep `s` uniquely referenced
            let r = body(&s)
            entries[i] = .source(s)
            return r
        case var .pending(p):
            entries[i] = .pending(Pending(pattern: "", isPattern: false))
            let r = body(&p.sources[j!])
            entries[i] = .pending(p)
            return r
        }
    }

    /// Looks at every glob and missing path again; new matches become sources.
    private mutating func rescan() {
        let patterns = entries.compactMap { entry -> String? in
            if case let .pending(p) = entry, p.isPattern { return p.pattern }
            return nil
        }
        known.prune(view: { patterns.flatMap(Self.expand) })
        for i in entries.indices {
            guard case var .pending(p) = entries[i] else { continue }
            entries[i] = .pending(Pending(pattern: "", isPattern: false))
            let matches = p.isPattern ? Self.expand(p.pattern) : (access(p.pattern, F_OK) == 0 ? [p.pattern] : [])
            for path in matches where !p.matched.contains(path) {
                p.matched.insert(path)
                guard !claimed.contains(path) else { continue }
                claimed.insert(path)
                if let s = KnownFiles.fileStat(path) {
                    if known.contains(s.id) { continue }
                    known.remember(s.id, path: path, size: s.size)
                }
                p.sources.append(Self.source(for: path, options: options))
            }
            if !p.isPattern && !p.sources.isEmpty {
                entries[i] = .source(p.sources[0])  // the literal path arrived: an ordinary source now
            } else {
                entries[i] = .pending(p)
            }
        }
    }

    /// `glob(3)`, sorted; nothing on no match or error.
    public static func expand(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(pattern, 0, nil, &g) == 0 else { return [] }
        var out: [String] = []
        for k in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[k] { out.append(String(cString: p)) }
        }
        return out
    }
}
