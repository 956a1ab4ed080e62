import Events
import Foundation
import GRDB
import Testing
@testable import Response

@Suite struct LedgerTests {
    /// A fresh directory per test; removed when the test's value goes away.
    final class TempDirectory {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "nhitop-ledger-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var ledgerPath: String { path + "/state/nhitop/ledger.sqlite" }
    }

    static func entry(_ n: Int, identity: String = "role/ci-deploy", reason: String = "stolen key used from TOR") -> LedgerEntry {
        LedgerEntry(actionID: "action-\(n)", time: EventTime(microseconds: 1_780_000_000_000_000 + Int64(n)),
                    action: .revoke, operatorInfo: OperatorInfo(user: "alice"), identity: identity,
                    identityKind: "aws_role", credential: "AKIA\(n)", reason: reason, hook: "aws-block",
                    hookHash: "abc", argv: ["aws", "iam", identity], exitStatus: 0, output: "ok",
                    outcome: .succeeded, reversible: true)
    }

    /// A separate connection, as someone with `sqlite3` on the file would have.
    static func rawSQL(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: sql) }
    }

    // MARK: Round trip

    @Test func roundTripsEveryFieldIncludingHostileStrings() throws {
        let dir = try TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        let hostile = "x'; DROP TABLE entries; -- \"q\" \\ \n\r\t \u{1b}[2J ünïcødé e\u{301} 🔑 $(id) `id`"
        let original = LedgerEntry(
            actionID: "0190c1f0-7e57-7000-8000-000000000001", time: EventTime(microseconds: 1_780_123_456_789_012),
            action: .undo,
            operatorInfo: OperatorInfo(user: "ops'\"", sudoUser: "alice\nbob", sshAddress: "203.0.113.9", tty: "/dev/pts/3"),
            identity: hostile, identityKind: "k8s_sa", credential: "cred,\(hostile)", reason: "reason: \(hostile)",
            hook: "hook\"name", hookHash: "h'", argv: ["kubectl", hostile, "", "a b", "[\"json\"]", "nul\u{0}inside"],
            exitStatus: -9, output: String(repeating: "line\n", count: 200) + hostile, outcome: .timedOut,
            linkedActionID: "linked'", graceSeconds: 120, reversible: false)

        let stored = try ledger.append(original)
        #expect(stored.id == 1)
        #expect(stored.previousHash == "")
        #expect(stored.hash == Ledger.hash(of: stored, previousHash: ""))
        #expect(stored.hash.count == 64)

        var expected = original
        expected.id = 1
        expected.hash = stored.hash
        #expect(stored == expected)
        #expect(try ledger.entries() == [expected])
        #expect(try ledger.entries(identity: hostile) == [expected])
        // Read by a second instance (another process would open it the same way).
        #expect(try Ledger(path: dir.ledgerPath).entries() == [expected])
        #expect(try ledger.verify() == .intact(rows: 1))
    }

    @Test func nilExitStatusAndEveryEnumCaseRoundTrip() throws {
        let dir = try TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        var written: [LedgerEntry] = []
        for (n, outcome) in LedgerOutcome.allCases.enumerated() {
            var e = Self.entry(n)
            e.action = LedgerAction.allCases[n % LedgerAction.allCases.count]
            e.outcome = outcome
            e.exitStatus = n.isMultiple(of: 2) ? nil : Int32(n)
            e.argv = []
            e.reversible = n.isMultiple(of: 3)
            written.append(try ledger.append(e))
        }
        #expect(try ledger.entries() == written)
        #expect(written.map(\.id) == Array(1...Int64(LedgerOutcome.allCases.count)))
    }

    /// GRDB binds and reads SQLite TEXT up to the first NUL, so a NUL in a text field would be
    /// cut off and the row would no longer match its hash. The ledger stores U+FFFD instead
    /// (and says so in `append`); argv is JSON, which escapes NUL, and keeps it.
    @Test func nulInTextFieldsIsStoredAsReplacementCharacter() throws {
        let dir = try TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        var e = Self.entry(1, identity: "id\u{0}tail", reason: "before\u{0}after the nul")
        e.argv = ["a\u{0}b"]
        let stored = try ledger.append(e)
        #expect(stored.identity == "id\u{FFFD}tail")
        #expect(stored.reason == "before\u{FFFD}after the nul")
        #expect(stored.argv == ["a\u{0}b"])
        #expect(try ledger.entries() == [stored])
        #expect(try ledger.entries(identity: "id\u{0}tail") == [stored])
        #expect(try ledger.verify() == .intact(rows: 1))
    }

    // MARK: The chain

    @Test func chainsEachRowToThePreviousOne() throws {
        let dir = try TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        let rows = try (1...5).map { try ledger.append(Self.entry($0)) }
        #expect(rows.map(\.id) == [1, 2, 3, 4, 5])
        for (before, after) in zip(rows, rows.dropFirst()) {
            #expect(after.previousHash == before.hash)
        }
        #expect(Set(rows.map(\.hash)).count == 5)
        #expect(try ledger.verify() == .intact(rows: 5))
    }

    @Test func emptyLedgerIsIntact() throws {
        let dir = try TempDirectory()
        #expect(try Ledger(path: dir.ledgerPath).verify() == .intact(rows: 0))
    }

    @Test(arguments: [
        "reason = 'nothing happened here'",
        "argv = '[\"true\"]'",
        "outcome = 'failed'",
        "time = time + 1",
        "exit_status = NULL",
        "user = 'mallory'",
        "identity = 'someone-else'",
        "reversible = 0",
        "previous_hash = ''",
    ])
    func editedRowIsBrokenAtThatRow(_ assignment: String) throws {
        let dir = try TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        for n in 1...4 { try ledger.append(Self.entry(n)) }
        try Self.rawSQL(dir.ledgerPath, "UPDATE entries SET \(assignment) WHERE id = 3")
        guard case .broken(let rowID, let reason) = try ledger.verify() else {
            Issue.record("an edit of \(assignment) went unnoticed")
            return
        }
        #expect(rowID == 3)
        #expect(reason == "content does not match its hash" || reason == "previous hash does not match row 2")
    }

    @Test func editWithRecomputedHashBreaksTheNextRow() throws {
        let dir = try TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        let rows = try (1...4).map { try ledger.append(Self.entry($0)) }
        var forged = rows[2]
        forged.reason = "routine rotation"
        let forgedHash = Ledger.hash(of: forged, previousHash: forged.previousHash)
        try Self.rawSQL(dir.ledgerPath, "UPDATE entries SET reason = 'routine rotation', hash = '\(forgedHash)' WHERE id = 3")
        #expect(try ledger.verify() == .broken(rowID: 4, reason: "previous hash does not match row 3"))
    }

    @Test func deletedMiddleRowIsReportedAtTheNextRow() throws {
        let dir = try TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        for n in 1...5 { try ledger.append(Self.entry(n)) }
        try Self.rawSQL(dir.ledgerPath, "DELETE FROM entries WHERE id = 3")
        #expect(try ledger.verify() == .broken(rowID: 4, reason: "row 3 is missing"))
    }

    @Test func deletedLastRowIsReportedAndNotReused() throws {
        let dir = try TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        for n in 1...3 { try ledger.append(Self.entry(n)) }
        try Self.rawSQL(dir.ledgerPath, "DELETE FROM entries WHERE id = 3")
        #expect(try ledger.verify() == .broken(rowID: 3, reason: "row 3 is missing (rows up to 3 were written)"))
        // A later append does not paper over the hole.
        #expect(try ledger.append(Self.entry(4)).id == 4)
        #expect(try ledger.verify() == .broken(rowID: 4, reason: "row 3 is missing"))
    }

    @Test func unreadableRowIsBrokenNotACrash() throws {
        let dir = try TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        for n in 1...2 { try ledger.append(Self.entry(n)) }
        try Self.rawSQL(dir.ledgerPath, "UPDATE entries SET action = 'promote' WHERE id = 2")
        #expect(try ledger.verify() == .broken(rowID: 2, reason: "cannot be read: unknown action 'promote'"))
        #expect(throws: LedgerError(path: dir.ledgerPath, message: "row 2 cannot be read: unknown action 'promote'")) {
            try ledger.entries()
        }
    }

    @Test func hashCoversEveryContentField() {
        let base = Self.entry(1)
        let mutations: [(String, (inout LedgerEntry) -> Void)] = [
            ("id", { $0.id = 2 }), ("actionID", { $0.actionID += "x" }), ("time", { $0.time = $0.time.adding(seconds: 1) }),
            ("action", { $0.action = .undo }), ("user", { $0.operatorInfo.user = "bob" }),
            ("sudoUser", { $0.operatorInfo.sudoUser = "x" }), ("sshAddress", { $0.operatorInfo.sshAddress = "x" }),
            ("tty", { $0.operatorInfo.tty = "x" }), ("identity", { $0.identity += "x" }),
            ("identityKind", { $0.identityKind = "x" }), ("credential", { $0.credential += "x" }),
            ("reason", { $0.reason += "." }), ("hook", { $0.hook += "x" }), ("hookHash", { $0.hookHash += "x" }),
            ("argv", { $0.argv.append("x") }), ("argv split", { $0.argv = ["aws iam", $0.identity] }),
            ("exitStatus nil", { $0.exitStatus = nil }), ("exitStatus", { $0.exitStatus = 1 }),
            ("output", { $0.output += "x" }), ("outcome", { $0.outcome = .failed }),
            ("linkedActionID", { $0.linkedActionID = "x" }), ("graceSeconds", { $0.graceSeconds += 1 }),
            ("reversible", { $0.reversible.toggle() }),
        ]
        let baseHash = Ledger.hash(of: base, previousHash: "p")
        #expect(Ledger.hash(of: base, previousHash: "q") != baseHash)
        var changedHash = base
        changedHash.hash = "whatever"
        #expect(Ledger.hash(of: changedHash, previousHash: "p") == baseHash)
        for (name, mutate) in mutations {
            var changed = base
            mutate(&changed)
            #expect(Ledger.hash(of: changed, previousHash: "p") != baseHash, "\(name) is not covered")
        }
        // Field boundaries: moving a character from one field to the next changes the hash.
        var a = base, b = base
        a.hook = "ab"; a.hookHash = "c"
        b.hook = "a"; b.hookHash = "bc"
        #expect(Ledger.hash(of: a, previousHash: "") != Ledger.hash(of: b, previousHash: ""))
    }

    // MARK: Sharing

    @Test func twoInstancesAppendingConcurrentlySerialise() throws {
        let dir = try TempDirectory()
        let ledgers = [try Ledger(path: dir.ledgerPath), try Ledger(path: dir.ledgerPath)]
        let failures = Failures()
        let group = DispatchGroup()
        // All four start together, or the first could finish before the last is scheduled.
        let ready = DispatchSemaphore(value: 0), start = DispatchSemaphore(value: 0)
        // Two threads per instance: contention inside each pool and between the two pools' connections.
        for thread in 0..<4 {
            DispatchQueue.global().async(group: group) {
                ready.signal()
                start.wait()
                for n in 0..<25 {
                    do {
                        try ledgers[thread % 2].append(Self.entry(thread * 100 + n, identity: "thread-\(thread)"))
                    } catch {
                        failures.add("\(error)")
                    }
                }
            }
        }
        for _ in 0..<4 { ready.wait() }
        for _ in 0..<4 { start.signal() }
        group.wait()
        #expect(failures.all.isEmpty)
        let rows = try ledgers[0].entries()
        #expect(rows.count == 100)
        #expect(rows.map(\.id) == Array(1...100))
        // The writers really interleaved (else this proves nothing about serialising).
        let order = rows.map(\.identity)
        #expect(zip(order, order.dropFirst()).filter { $0 != $1 }.count > 3)
        for thread in 0..<4 {
            #expect(try ledgers[1].entries(identity: "thread-\(thread)").count == 25)
        }
        #expect(try ledgers[1].verify() == .intact(rows: 100))
    }

    /// Another process (the sqlite3 shell) holds the write lock for a second and a half:
    /// the append waits for it instead of failing with "database is locked".
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func appendWaitsForAnotherProcessHoldingTheWriteLock() throws {
        let dir = try TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        try ledger.append(Self.entry(1))
        let marker = dir.path + "/locked"
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [dir.ledgerPath, "BEGIN IMMEDIATE;", ".shell touch '\(marker)'", ".shell sleep 1.5", "COMMIT;"]
        try holder.run()
        defer { holder.waitUntilExit() }
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: marker), Date() < deadline { usleep(10_000) }
        #expect(FileManager.default.fileExists(atPath: marker))

        let started = Date()
        let row = try ledger.append(Self.entry(2))
        #expect(Date().timeIntervalSince(started) > 0.5)
        #expect(row.id == 2)
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        #expect(try ledger.verify() == .intact(rows: 2))
    }

    @Test func usesWALMode() throws {
        let dir = try TempDirectory()
        _ = try Ledger(path: dir.ledgerPath)
        let queue = try DatabaseQueue(path: dir.ledgerPath)
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func entriesAfterReturnsOnlyNewerRowsIncludingOtherInstances() throws {
        let dir = try TempDirectory()
        let mine = try Ledger(path: dir.ledgerPath)
        let theirs = try Ledger(path: dir.ledgerPath)
        try mine.append(Self.entry(1))
        try mine.append(Self.entry(2))
        let seen = try theirs.entries()
        #expect(seen.map(\.id) == [1, 2])
        #expect(try theirs.entries(after: 2).isEmpty)
        try mine.append(Self.entry(3, identity: "other"))
        let newer = try theirs.entries(after: seen.last!.id)
        #expect(newer.map(\.id) == [3])
        #expect(newer.first?.identity == "other")
        #expect(try theirs.entries(identity: "other").map(\.id) == [3])
        #expect(try theirs.entries(identity: "nobody").isEmpty)
    }

    @Test func createsPrivateDirectoriesAndFile() throws {
        let dir = try TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        try ledger.append(Self.entry(1))
        func mode(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }
        #expect(try mode(dir.path + "/state") == 0o700)
        #expect(try mode(dir.path + "/state/nhitop") == 0o700)
        #expect(try mode(dir.ledgerPath) == 0o600)
        #expect(try mode(dir.ledgerPath + "-wal") == 0o600)
    }

    @Test func openErrorIsOneLineNamingThePath() throws {
        let dir = try TempDirectory()
        let blocker = dir.path + "/file"
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        let path = blocker + "/nhitop/ledger.sqlite"
        do {
            _ = try Ledger(path: path)
            Issue.record("opened a ledger under a regular file")
        } catch {
            let text = "\(error)"
            #expect(text.hasPrefix("ledger \(path): "))
            #expect(!text.contains("\n"))
        }

        let notADatabase = dir.path + "/garbage.sqlite"
        _ = FileManager.default.createFile(atPath: notADatabase, contents: Data(repeating: 0x41, count: 4096))
        do {
            _ = try Ledger(path: notADatabase)
            Issue.record("opened a file that is not a database")
        } catch {
            let text = "\(error)"
            #expect(text.hasPrefix("ledger \(notADatabase): "))
            #expect(!text.contains("\n"))
        }
    }

    // MARK: Operator and location

    @Test func operatorFromEnvironment() {
        let info = OperatorInfo.current(environment: [
            "USER": "root", "LOGNAME": "ignored", "SUDO_USER": "alice",
            "SSH_CONNECTION": "203.0.113.9 51234 10.0.0.1 22",
        ])
        #expect(info.user == "root")
        #expect(info.sudoUser == "alice")
        #expect(info.sshAddress == "203.0.113.9")
        #expect(info.name == "alice")
        var buffer = [CChar](repeating: 0, count: 256)
        let tty = ttyname_r(0, &buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        #expect(info.tty == tty)

        let local = OperatorInfo.current(environment: ["LOGNAME": "bob"])
        #expect(local == OperatorInfo(user: "bob", tty: tty))
        // Neither variable: the password database still names the uid.
        #expect(!OperatorInfo.current(environment: [:]).user.isEmpty)
        #expect(OperatorInfo.current(environment: ["USER": "", "LOGNAME": "carol"]).user == "carol")
    }

    @Test func defaultPathPrefersXDGStateHome() {
        #expect(LedgerLocation.defaultPath(environment: ["XDG_STATE_HOME": "/var/state", "HOME": "/home/a"])
                == "/var/state/nhitop/ledger.sqlite")
        #expect(LedgerLocation.defaultPath(environment: ["HOME": "/home/a"]) == "/home/a/.local/state/nhitop/ledger.sqlite")
        #expect(LedgerLocation.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/a/"])
                == "/home/a/.local/state/nhitop/ledger.sqlite")
        #expect(LedgerLocation.defaultPath(environment: [:]) == nil)
        #expect(LedgerLocation.defaultPath(environment: ["XDG_STATE_HOME": ""]) == nil)
    }
}

extension LedgerTests {
    /// `nhitop ledger`, `report --ledger` and read-only dashboards read without writing: no
    /// file, table or migration is ever created, and a write is refused.
    @Test func readOnlyOpensNeverWrite() throws {
        let dir = try TempDirectory()
        let missing = dir.path + "/none.sqlite"
        #expect(throws: LedgerError.self) { try Ledger(path: missing, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: missing))

        let foreign = dir.path + "/other.sqlite"
        try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE t(x)") }
        #expect(throws: LedgerError.self) { try Ledger(path: foreign, readOnly: true) }
        let tables = try DatabaseQueue(path: foreign).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master") }
        #expect(tables == ["t"], "a read-only open must not migrate someone else's database")

        let writable = try Ledger(path: dir.ledgerPath)
        try writable.append(Self.entry(1))
        let reader = try Ledger(path: dir.ledgerPath, readOnly: true)
        #expect(try reader.entries().count == 1)
        #expect(try reader.verify() == .intact(rows: 1))
        #expect(throws: LedgerError.self) { try reader.append(Self.entry(2)) }
    }

    /// A ledger anyone can write decides what shows as revoked and acknowledged: refused.
    @Test func aWorldWritableLedgerIsRefused() throws {
        let dir = try TempDirectory()
        try Ledger(path: dir.ledgerPath).append(Self.entry(1))
        chmod(dir.ledgerPath, 0o666)
        for readOnly in [false, true] {
            #expect(throws: LedgerError.self) { try Ledger(path: dir.ledgerPath, readOnly: readOnly) }
        }
    }
}

/// Errors from worker threads, gathered for one expectation.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }

}
