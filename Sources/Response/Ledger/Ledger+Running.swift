import Foundation
import GRDB
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A revoke or undo whose hook is running. Its draft row sits in the `pending` table, and
/// this process holds a lock on one byte of `<ledger>-running` (the byte at the row's slot)
/// for as long as it could still write the result. The lock is what tells another process,
/// opening the ledger, "this one is still running" from "its process died": the kernel drops
/// it when the process exits, even by kill -9.
public final class RunningAction: Sendable {
    public let actionID: String
    /// The pending row's id: the byte locked in the lock file.
    let slot: Int64
    private let lockFD: Mutex<Int32>

    fileprivate init(actionID: String, slot: Int64, lockFD: Int32) {
        self.actionID = actionID
        self.slot = slot
        self.lockFD = Mutex(lockFD)
    }

    deinit { release() }

    /// Gives up the lock (closing its descriptor drops it). Idempotent.
    func release() {
        lockFD.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
    }
}

extension Ledger {
    /// Beside the ledger, like SQLite's `-wal` and `-shm`.
    var runningLockPath: String { path + "-running" }

    /// What `settleInterrupted` writes into an interrupted row's output.
    public static let interruptedNote =
        "nhitop ended while the hook ran (killed, or the machine stopped): whether the hook acted is unknown; check before relying on it"

    /// Records that `entry`'s hook is about to run, before it runs: if this process dies
    /// before `append(_:finishing:)`, the next process to open the ledger appends the
    /// action as `interrupted`. Throws when that record cannot be made; the hook must then
    /// not run, since nothing would show it ever did.
    public func begin(_ entry: LedgerEntry) throws -> RunningAction {
        let fd = try openRunningLock()
        do {
            let slot: Int64 = try wrapped {
                try pool.writeWithoutTransaction { db in
                    var slot: Int64 = 0
                    try db.inTransaction(.immediate) {
                        var draft = entry.replacingNULs()
                        draft.outcome = .interrupted
                        draft.output = Self.interruptedNote
                        draft.exitStatus = nil
                        draft.id = try Self.highestIDEverUsed(db, table: "pending") + 1
                        slot = draft.id
                        // Locked before the row commits: no other process can see the row
                        // without the lock held (until this process ends or finishes).
                        guard Self.lock(fd, slot: slot) else {
                            throw LedgerError(path: path, message: "cannot lock \(runningLockPath): \(String(cString: strerror(errno)))")
                        }
                        try db.execute(sql: Self.insertSQL(into: "pending"), arguments: try Self.insertArguments(draft))
                        return .commit
                    }
                    return slot
                }
            }
            return RunningAction(actionID: entry.actionID, slot: slot, lockFD: fd)
        } catch {
            close(fd)
            throw error
        }
    }

    /// Appends an `interrupted` row for every pending action whose process is gone (its
    /// lock is free), and removes it from `pending`, one transaction each. Actions other
    /// processes are still running are left alone. Returns the rows written.
    @discardableResult public func settleInterrupted() throws -> [LedgerEntry] {
        let pending: [LedgerEntry] = try wrapped {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM pending ORDER BY id").compactMap { try? Self.entry(from: $0) }
            }
        }
        guard !pending.isEmpty else { return [] }
        let fd = try openRunningLock()
        defer { close(fd) }
        var written: [LedgerEntry] = []
        for action in pending where !Self.isLocked(fd, slot: action.id) {
            // Free means finished or dead. A finished one deleted its pending row in the
            // transaction that wrote its result, before letting go: check again inside ours.
            let row: LedgerEntry? = try wrapped {
                try pool.writeWithoutTransaction { db in
                    var row: LedgerEntry?
                    try db.inTransaction(.immediate) {
                        try db.execute(sql: "DELETE FROM pending WHERE id = ?", arguments: [action.id])
                        guard db.changesCount == 1 else { return .commit }
                        row = try Self.appendRow(action, db)
                        return .commit
                    }
                    return row
                }
            }
            if let row { written.append(row) }
        }
        return written
    }

    /// The lock file, created 0600 (group rights follow the ledger's, so a shared ledger's
    /// writers can all lock it). Close-on-exec: a hook must not inherit, and so keep, the lock.
    private func openRunningLock() throws -> Int32 {
        let fd = open(runningLockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw LedgerError(path: path, message: "cannot open \(runningLockPath): \(String(cString: strerror(errno)))")
        }
        var ledgerInfo = stat(), lockInfo = stat()
        if stat(path, &ledgerInfo) == 0, fstat(fd, &lockInfo) == 0, lockInfo.st_uid == geteuid() {
            _ = fchmod(fd, (ledgerInfo.st_mode & 0o060) | 0o600)
        }
        return fd
    }

    /// Open-file-description locks: owned by the descriptor, not the process, so two
    /// ledgers open in one process see each other's, and closing some other descriptor of
    /// the file does not drop them (as it would a classic POSIX lock).
    private static func lock(_ fd: Int32, slot: Int64) -> Bool {
        var request = byteLock(slot, type: F_WRLCK)
        return fcntl(fd, ofdSetLock, &request) == 0
    }

    private static func isLocked(_ fd: Int32, slot: Int64) -> Bool {
        var request = byteLock(slot, type: F_WRLCK)
        // When in doubt, running: an interrupted row written for a live action would be false.
        guard fcntl(fd, ofdGetLock, &request) == 0 else { return true }
        return request.l_type != Int16(F_UNLCK)
    }

    private static func byteLock(_ slot: Int64, type: Int32) -> flock {
        var request = flock()
        request.l_type = Int16(type)
        request.l_whence = Int16(SEEK_SET)
        request.l_start = off_t(slot)
        request.l_len = 1
        request.l_pid = 0
        return request
    }

    #if os(Linux)
    // F_OFD_GETLK / F_OFD_SETLK (Linux 3.15+), hidden behind _GNU_SOURCE in Swift's Glibc.
    private static let ofdGetLock: Int32 = 36
    private static let ofdSetLock: Int32 = 37
    #else
    // Process-owned locks elsewhere: enough between processes, which is what settling needs.
    private static let ofdGetLock = F_GETLK
    private static let ofdSetLock = F_SETLK
    #endif
}
