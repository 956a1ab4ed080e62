#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Events

/// One revoked identity in the deny-list document.
public struct DenylistEntry: Hashable, Sendable {
    public var identity: String
    /// Who revoked it (`OperatorInfo.name`).
    public var by: String
    public var reason: String
    public var at: EventTime
    /// The ledger row's action id, so a decision can be traced back to the revoke.
    public var actionID: String

    public init(identity: String, by: String, reason: String, at: EventTime, actionID: String) {
        self.identity = identity
        self.by = by
        self.reason = reason
        self.at = at
        self.actionID = actionID
    }
}

/// Why the deny-list file could not be written.
public struct DenylistWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    /// What failed: `mkdir`, `open`, `write`, `fsync`, `rename`.
    public var operation: String
    public var errno: Int32

    public var description: String {
        "deny-list \(path): \(operation) failed: \(String(cString: strerror(errno)))"
    }
}

/// The built-in `denylist` hook: an OPA-ready document of revoked identities, loaded as data
/// (`opa run --server policy.rego denylist.json`, or a bundle) and consulted by
/// `examples/denylist.rego`, so a revoked agent is denied at its next decision:
///
///     {"nhitop":{"revoked":{"<identity>":{"action_id":"…","at":"RFC3339","by":"…","reason":"…"}}}}
public enum Denylist {
    /// The document's bytes: keys sorted, so the same entries give the same bytes. Valid JSON with
    /// every string escaped (control chars, quotes, backslashes; non-ASCII kept as UTF-8).
    /// When an identity appears more than once, the latest `at` wins (then the later one).
    public static func document(_ entries: [DenylistEntry]) -> [UInt8] {
        var latest: [String: DenylistEntry] = [:]
        for entry in entries {
            if let held = latest[entry.identity], held.at > entry.at { continue }
            latest[entry.identity] = entry
        }
        // Byte order, not String's Unicode ordering: the same on every platform and the order
        // OPA and `jq -S` print.
        let identities = latest.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var w = JSONWriter()
        w.beginObject()
        w.object("nhitop") { w in
            w.object("revoked") { w in
                for identity in identities {
                    let e = latest[identity]!
                    w.object(identity) { w in
                        w.field("action_id", e.actionID)
                        w.field("at", e.at.iso8601)
                        w.field("by", e.by)
                        w.field("reason", e.reason)
                    }
                }
            }
        }
        w.endObject()
        return w.bytes + [UInt8(ascii: "\n")]
    }

    /// Writes atomically: a temporary file in the same directory, fsync, then rename over `path`;
    /// creates the directory (0700) if missing; file mode 0644. A policy engine reading the file
    /// at any moment sees the old document or the new one, never half of one.
    public static func write(_ entries: [DenylistEntry], to path: String) throws {
        let bytes = document(entries)
        let directory = directoryName(of: path)
        try makeDirectories(directory, for: path)

        // Hidden and not `.json`: OPA watching the directory does not load it as data.
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = "\(directory)/.\(name).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DenylistWriteError(path: path, operation: "open", errno: errno) }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do {
            defer { close(fd) }
            // The umask may have narrowed the mode; OPA often runs as another user.
            guard fchmod(fd, 0o644) == 0 else { throw DenylistWriteError(path: path, operation: "fchmod", errno: errno) }
            var offset = 0
            while offset < bytes.count {
                let n = writeSome(fd, bytes, from: offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DenylistWriteError(path: path, operation: "write", errno: errno)
                }
                offset += n
            }
            guard fsync(fd) == 0 else { throw DenylistWriteError(path: path, operation: "fsync", errno: errno) }
        }
        guard rename(temporary, path) == 0 else { throw DenylistWriteError(path: path, operation: "rename", errno: errno) }
        renamed = true
        // Make the rename itself durable; a failure here leaves a complete file, so it is not fatal.
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 { _ = fsync(dirFD); close(dirFD) }
    }

    /// The entries in force from ledger rows (in ledger order): each revoke with hook `denylist`
    /// whose outcome takes effect, until a later undo (whose outcome takes effect) names its
    /// action id in `linkedActionID`. A later revoke of the same identity replaces the earlier
    /// one; undoing the one in force lifts the identity, since the operator undid its block.
    public static func entries(from ledger: [LedgerEntry]) -> [DenylistEntry] {
        var inForce: [String: DenylistEntry] = [:]
        for row in ledger {
            switch row.action {
            case .revoke where row.hook == "denylist" && row.outcome.takesEffect:
                inForce[row.identity] = DenylistEntry(identity: row.identity, by: row.operatorInfo.name,
                                                      reason: row.reason, at: row.time, actionID: row.actionID)
            case .undo where row.outcome.takesEffect && !row.linkedActionID.isEmpty:
                if let identity = inForce.first(where: { $0.value.actionID == row.linkedActionID })?.key {
                    inForce[identity] = nil
                }
            default:
                continue
            }
        }
        return inForce.values.sorted { $0.identity.utf8.lexicographicallyPrecedes($1.identity.utf8) }
    }

    // MARK: paths

    static func directoryName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `mkdir -p` with mode 0700 for each missing component: the ledger's neighbours are private.
    private static func makeDirectories(_ directory: String, for path: String) throws {
        var st = stat()
        if stat(directory, &st) == 0 { return }
        let parent = directoryName(of: directory)
        if parent != directory { try makeDirectories(parent, for: path) }
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw DenylistWriteError(path: path, operation: "mkdir \(directory)", errno: errno)
        }
    }
}

/// One `write(2)` of `bytes[offset...]`; outside `Denylist` so `write` means the C function.
private func writeSome(_ fd: Int32, _ bytes: [UInt8], from offset: Int) -> Int {
    bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress! + offset, raw.count - offset) }
}
