import Events
import Foundation
import GRDB

/// The `entries` table (and `pending`, its journal of running actions) and the mapping
/// between their rows and `LedgerEntry`.
///
/// Columns are plain SQL types so the ledger can be read with `sqlite3` during an incident:
/// `time` in integer microseconds since the epoch (UTC), `argv` a JSON array of strings,
/// `exit_status` NULL when nothing exited, `reversible` 0 or 1, the operator in four columns.
extension Ledger {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-entries") { db in
            // AUTOINCREMENT: ids are never reused, so a deleted last row leaves a gap
            // (recorded in sqlite_sequence) that `verify` reports.
            try db.create(table: "entries", body: entryColumns)
            try db.create(index: "entries_identity", on: "entries", columns: ["identity"])
        }
        // Actions whose hook is running: written before the hook starts, removed in the same
        // transaction that appends the result. One left behind by a process that died becomes
        // an `interrupted` row (see Ledger+Running). Not chained: these rows are a journal,
        // and each one ends up in the chain either way. The id is the action's lock slot.
        migrator.registerMigration("v2-pending") { db in
            try db.create(table: "pending", body: entryColumns)
        }
        return migrator
    }

    /// The columns of `entries`, and of `pending`, which holds the same rows.
    private static func entryColumns(_ t: TableDefinition) {
        t.autoIncrementedPrimaryKey("id")
        t.column("action_id", .text).notNull()
        t.column("time", .integer).notNull()
        t.column("action", .text).notNull()
        t.column("user", .text).notNull()
        t.column("sudo_user", .text).notNull()
        t.column("ssh_address", .text).notNull()
        t.column("tty", .text).notNull()
        t.column("identity", .text).notNull()
        t.column("identity_kind", .text).notNull()
        t.column("credential", .text).notNull()
        t.column("reason", .text).notNull()
        t.column("hook", .text).notNull()
        t.column("hook_hash", .text).notNull()
        t.column("argv", .text).notNull()
        t.column("exit_status", .integer)
        t.column("output", .text).notNull()
        t.column("outcome", .text).notNull()
        t.column("linked_action_id", .text).notNull()
        t.column("grace_seconds", .integer).notNull()
        t.column("reversible", .integer).notNull()
        t.column("previous_hash", .text).notNull()
        t.column("hash", .text).notNull()
    }

    static func insertSQL(into table: String) -> String { """
        INSERT INTO \(table) (id, action_id, time, action, user, sudo_user, ssh_address, tty, identity, \
        identity_kind, credential, reason, hook, hook_hash, argv, exit_status, output, outcome, \
        linked_action_id, grace_seconds, reversible, previous_hash, hash) \
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    }

    static func insertArguments(_ e: LedgerEntry) throws -> StatementArguments {
        let arguments: StatementArguments = [
            e.id, e.actionID, e.time.microseconds, e.action.rawValue,
            e.operatorInfo.user, e.operatorInfo.sudoUser, e.operatorInfo.sshAddress, e.operatorInfo.tty,
            e.identity, e.identityKind, e.credential, e.reason, e.hook, e.hookHash,
            try argvJSON(e.argv), e.exitStatus.map { Int64($0) }, e.output, e.outcome.rawValue,
            e.linkedActionID, e.graceSeconds, e.reversible ? 1 : 0, e.previousHash, e.hash,
        ]
        return arguments
    }

    /// A row back into an entry; a value SQLite could hold but the ledger never writes
    /// (an unknown action, text in `time`, `reversible` = 2) is an error naming the column.
    static func entry(from row: Row) throws(RowError) -> LedgerEntry {
        let columns = RowReader(row: row)
        let entry = LedgerEntry(
            id: try columns.integer("id"),
            actionID: try columns.text("action_id"),
            time: EventTime(microseconds: try columns.integer("time")),
            action: try columns.enumeration("action"),
            operatorInfo: OperatorInfo(user: try columns.text("user"), sudoUser: try columns.text("sudo_user"),
                                       sshAddress: try columns.text("ssh_address"), tty: try columns.text("tty")),
            identity: try columns.text("identity"),
            identityKind: try columns.text("identity_kind"),
            credential: try columns.text("credential"),
            reason: try columns.text("reason"),
            hook: try columns.text("hook"),
            hookHash: try columns.text("hook_hash"),
            argv: try columns.argv("argv"),
            exitStatus: try columns.exitStatus("exit_status"),
            output: try columns.text("output"),
            outcome: try columns.enumeration("outcome"),
            linkedActionID: try columns.text("linked_action_id"),
            graceSeconds: try columns.integer("grace_seconds"),
            reversible: try columns.flag("reversible"),
            previousHash: try columns.text("previous_hash"),
            hash: try columns.text("hash"))
        return entry
    }

    static func argvJSON(_ argv: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(argv), as: UTF8.self)
    }

    /// Why a stored row could not be turned back into an entry.
    struct RowError: Error {
        var message: String
    }

    private struct RowReader {
        let row: Row

        func value(_ column: String) -> DatabaseValue {
            let value: DatabaseValue? = row[column]
            return value ?? .null
        }

        func text(_ column: String) throws(RowError) -> String {
            guard let text = String.fromDatabaseValue(value(column)) else { throw mismatch(column, "text") }
            return text
        }

        func integer(_ column: String) throws(RowError) -> Int64 {
            guard case .int64(let number) = value(column).storage else { throw mismatch(column, "an integer") }
            return number
        }

        func flag(_ column: String) throws(RowError) -> Bool {
            switch try integer(column) {
            case 0: return false
            case 1: return true
            default: throw mismatch(column, "0 or 1")
            }
        }

        func exitStatus(_ column: String) throws(RowError) -> Int32? {
            if value(column).isNull { return nil }
            guard let status = Int32(exactly: try integer(column)) else { throw mismatch(column, "a 32-bit status") }
            return status
        }

        func enumeration<T: RawRepresentable<String>>(_ column: String) throws(RowError) -> T {
            let raw = try text(column)
            guard let value = T(rawValue: raw) else { throw RowError(message: "unknown \(column) '\(raw)'") }
            return value
        }

        func argv(_ column: String) throws(RowError) -> [String] {
            let json = try text(column)
            guard let argv = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else {
                throw mismatch(column, "a JSON array of strings")
            }
            return argv
        }

        private func mismatch(_ column: String, _ expected: String) -> RowError {
            RowError(message: "\(column) is not \(expected)")
        }
    }
}
