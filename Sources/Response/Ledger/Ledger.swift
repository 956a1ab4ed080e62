import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The record of every revoke, undo and acknowledgement: one SQLite file in WAL mode,
/// shared by all nhitop processes on the host, each row chained to the one before by
/// SHA-256 so an edit or a deletion is found by `verify()`.
///
/// Writers in different processes serialise on SQLite's write lock: every append is one
/// IMMEDIATE transaction that reads the last row and inserts the next, and a writer that
/// finds the lock taken waits (busy timeout) instead of failing.
public final class Ledger: Sendable {
    public let path: String
    /// A pool (WAL, one writer, concurrent readers) when writable; a read-only queue otherwise.
    let pool: any DatabaseWriter

    /// How long a writer waits for another process's transaction before giving up.
    static let busyTimeout: TimeInterval = 10

    /// Opens (creating when missing) the ledger at `path`. Missing parent directories are
    /// created 0700 and a missing database file 0600 (SQLite gives its `-wal` and `-shm`
    /// files the same mode); existing ones keep their permissions, so an administrator
    /// can share a group-writable ledger with `--ledger`.
    public convenience init(path: String) throws {
        try self.init(path: path, readOnly: false)
    }

    /// `readOnly`: for `--read-only`, `report --ledger` and `nhitop ledger`. Nothing is
    /// created or migrated and every write fails: reading someone else's SQLite file must
    /// never add a table to it. A ledger anyone can write is refused either way, since its
    /// rows decide what the dashboard shows as revoked and acknowledged.
    public init(path: String, readOnly: Bool) throws {
        self.path = path
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IWOTH != 0 {
            throw LedgerError(path: path, message: "is world-writable; refusing it (chmod o-w)")
        }
        if readOnly {
            guard FileManager.default.fileExists(atPath: path) else {
                throw LedgerError(path: path, message: "no ledger there yet")
            }
            do {
                var configuration = Configuration()
                configuration.readonly = true
                configuration.busyMode = .timeout(Self.busyTimeout)
                configuration.label = "nhitop.ledger.read-only"
                pool = try DatabaseQueue(path: path, configuration: configuration)
                guard try pool.read({ try $0.tableExists("entries") }) else {
                    throw LedgerError(path: path, message: "not an nhitop ledger (no entries table)")
                }
            } catch let error as LedgerError {
                throw error
            } catch {
                throw LedgerError(path: path, underlying: error)
            }
            return
        }
        do {
            try Self.createParentDirectories(of: path)
            try Self.createFile(path)
            var configuration = Configuration()
            configuration.busyMode = .timeout(Self.busyTimeout)
            configuration.label = "nhitop.ledger"
            let pool = try DatabasePool(path: path, configuration: configuration)
            self.pool = pool
            // GRDB sets NORMAL for WAL, which can lose the last commits on power loss; a
            // revoke recorded as done must still be there after a crash. Only the writer
            // connection commits, so setting it there covers every append.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            try Self.migrate(pool)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(path: path, underlying: error)
        }
        // A process killed while its hook ran left a pending action: record it now. A
        // failure here (the ledger busy past the timeout) leaves it for the next open.
        _ = try? settleInterrupted()
    }

    /// Appends in one IMMEDIATE write transaction: reads the last row's hash, sets
    /// previousHash, computes hash, inserts; returns the row with id, previousHash and hash set.
    ///
    /// SQLite (through GRDB) binds and reads text up to its first NUL, so a NUL in a text
    /// field is stored as U+FFFD: what is hashed is exactly what is stored. argv is JSON,
    /// which escapes NUL, and keeps it.
    @discardableResult public func append(_ entry: LedgerEntry) throws -> LedgerEntry {
        try append(entry, finishing: nil)
    }

    /// Appends `entry` and, in the same transaction, removes `running`'s pending record;
    /// then releases `running` (also when the append fails, so the next open records the
    /// action as interrupted).
    @discardableResult public func append(_ entry: LedgerEntry, finishing running: RunningAction?) throws -> LedgerEntry {
        defer { running?.release() }
        return try wrapped {
            try pool.writeWithoutTransaction { db in
                var row = entry
                try db.inTransaction(.immediate) {
                    if let running { try db.execute(sql: "DELETE FROM pending WHERE id = ?", arguments: [running.slot]) }
                    row = try Self.appendRow(entry, db)
                    return .commit
                }
                return row
            }
        }
    }

    /// Inside a write transaction: chains and inserts one row.
    static func appendRow(_ entry: LedgerEntry, _ db: Database) throws -> LedgerEntry {
        var row = entry.replacingNULs()
        let last = try Row.fetchOne(db, sql: "SELECT id, hash FROM entries ORDER BY id DESC LIMIT 1")
        let lastID: Int64 = last?["id"] ?? 0
        row.id = max(lastID, try highestIDEverUsed(db)) + 1
        row.previousHash = last?["hash"] ?? ""
        row.hash = hash(of: row, previousHash: row.previousHash)
        try db.execute(sql: insertSQL(into: "entries"), arguments: try insertArguments(row))
        return row
    }

    /// Rows with id > `after`, in id order. Other processes' rows appear here as soon as
    /// they commit: poll every second with the last id seen.
    public func entries(after id: Int64 = 0) throws -> [LedgerEntry] {
        try fetch(sql: "SELECT * FROM entries WHERE id > ? ORDER BY id", arguments: [id])
    }

    /// Every row about `identity`, in id order.
    public func entries(identity: String) throws -> [LedgerEntry] {
        // Stored identities had NUL replaced; ask for what was stored.
        try fetch(sql: "SELECT * FROM entries WHERE identity = ? ORDER BY id",
                  arguments: [identity.replacingNULs()])
    }

    /// Recomputes every row's hash from its stored content and checks each previousHash
    /// equals the hash of the row before, and that no id is skipped (ids start at 1 and
    /// are never reused, so a deleted row leaves a gap).
    public func verify() throws -> LedgerVerification {
        try wrapped {
            try pool.read { db in
                var expectedID: Int64 = 1
                var previousHash = ""
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM entries ORDER BY id")
                while let row = try rows.next() {
                    let id: Int64 = row["id"] ?? 0
                    if id != expectedID {
                        return .broken(rowID: id, reason: id > expectedID
                                       ? "row \(expectedID) is missing" : "row id \(id) is out of sequence")
                    }
                    let entry: LedgerEntry
                    do throws(RowError) { entry = try Self.entry(from: row) } catch {
                        return .broken(rowID: id, reason: "cannot be read: \(error.message)")
                    }
                    if entry.previousHash != previousHash {
                        return .broken(rowID: id, reason: id == 1
                                       ? "the first row has a previous hash" : "previous hash does not match row \(id - 1)")
                    }
                    if Self.hash(of: entry, previousHash: entry.previousHash) != entry.hash {
                        return .broken(rowID: id, reason: "content does not match its hash")
                    }
                    previousHash = entry.hash
                    expectedID += 1
                }
                // Rows cut off the end leave no successor to complain; SQLite's own record
                // of the highest id handed out still shows them.
                let highest = try Self.highestIDEverUsed(db)
                if highest >= expectedID {
                    return .broken(rowID: expectedID, reason: "row \(expectedID) is missing (rows up to \(highest) were written)")
                }
                return .intact(rows: Int(expectedID - 1))
            }
        }
    }

    // MARK: - Private

    private func fetch(sql: String, arguments: StatementArguments) throws -> [LedgerEntry] {
        try wrapped {
            try pool.read { db in
                try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    do throws(RowError) { return try Self.entry(from: row) } catch {
                        let id: Int64 = row["id"] ?? 0
                        throw LedgerError(path: self.path, message: "row \(id) cannot be read: \(error.message)")
                    }
                }
            }
        }
    }

    func wrapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(path: path, underlying: error)
        }
    }

    /// `sqlite_sequence` keeps the largest id AUTOINCREMENT ever handed out, deleted or not.
    static func highestIDEverUsed(_ db: Database, table: String = "entries") throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table]) ?? 0
    }

    /// Two processes opening a new ledger at once both see no migration applied; the loser's
    /// CREATE TABLE then fails. That is fine when the winner completed the same schema.
    private static func migrate(_ pool: DatabasePool) throws {
        do {
            try migrator.migrate(pool)
        } catch {
            guard (try? pool.read(migrator.hasCompletedMigrations)) == true else { throw error }
        }
        if try pool.read(migrator.hasBeenSuperseded) {
            throw LedgerRawError("written by a newer nhitop (unknown schema migrations)")
        }
    }

    private static func createParentDirectories(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) else { return }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw LedgerError(path: path, message: "cannot create directory \(parent): \(Self.reason(error))")
        }
    }

    /// Created here rather than by SQLite so it is 0600 from the first byte, whatever the umask.
    private static func createFile(_ path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
        } else if errno != EEXIST {
            throw LedgerError(path: path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
    }

    fileprivate static func reason(_ error: Error) -> String {
        if let error = error as? DatabaseError {
            // Not `description`: it appends the SQL, which spans lines.
            return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error.resultCode)")"
        }
        if let error = error as? LedgerRawError { return error.message }
        if let error = error as? CocoaError, let underlying = error.underlying { return underlying.localizedDescription }
        return "\(error)"
    }
}

public enum LedgerVerification: Hashable, Sendable {
    case intact(rows: Int)
    /// The first row that does not hold, and why ("content does not match its hash",
    /// "previous hash does not match row 3", "row 4 is missing").
    case broken(rowID: Int64, reason: String)
}

/// A ledger that could not be opened, read or written: one line naming the file.
public struct LedgerError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    init(path: String, underlying: Error) {
        self.init(path: path, message: Ledger.reason(underlying))
    }

    public var description: String {
        "ledger \(path): \(message)".split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

private struct LedgerRawError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension CocoaError {
    fileprivate var underlying: NSError? { userInfo[NSUnderlyingErrorKey] as? NSError }
}

extension String {
    fileprivate func replacingNULs() -> String {
        contains("\u{0}") ? replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : self
    }
}

extension LedgerEntry {
    func replacingNULs() -> LedgerEntry {
        var entry = self
        entry.actionID = actionID.replacingNULs()
        entry.operatorInfo.user = operatorInfo.user.replacingNULs()
        entry.operatorInfo.sudoUser = operatorInfo.sudoUser.replacingNULs()
        entry.operatorInfo.sshAddress = operatorInfo.sshAddress.replacingNULs()
        entry.operatorInfo.tty = operatorInfo.tty.replacingNULs()
        entry.identity = identity.replacingNULs()
        entry.identityKind = identityKind.replacingNULs()
        entry.credential = credential.replacingNULs()
        entry.reason = reason.replacingNULs()
        entry.hook = hook.replacingNULs()
        entry.hookHash = hookHash.replacingNULs()
        entry.output = output.replacingNULs()
        entry.linkedActionID = linkedActionID.replacingNULs()
        return entry
    }
}
