import Events
import Foundation
import GRDB
import Testing
@testable import Response

/// An action recorded before its hook runs: finished, it leaves exactly its result row;
/// abandoned (its process gone), the next open records it as interrupted; still running
/// elsewhere, it is left alone.
@Suite struct LedgerRunningTests {
    static func draft(_ id: String = "run-1") -> LedgerEntry {
        var e = LedgerTests.entry(1)
        e.actionID = id
        e.exitStatus = nil
        e.output = ""
        return e
    }

    static func pendingCount(_ path: String) throws -> Int {
        try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM pending") ?? -1 }
    }

    @Test func aFinishedActionLeavesOnlyItsResult() throws {
        let dir = try LedgerTests.TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        let running = try ledger.begin(Self.draft())
        #expect(try Self.pendingCount(dir.ledgerPath) == 1)
        #expect(try ledger.entries().isEmpty)
        var result = Self.draft()
        result.exitStatus = 0
        result.outcome = .succeeded
        try ledger.append(result, finishing: running)
        #expect(try ledger.entries().map(\.outcome) == [.succeeded])
        #expect(try Self.pendingCount(dir.ledgerPath) == 0)
        #expect(try Ledger(path: dir.ledgerPath).entries().count == 1)
    }

    @Test func anActionStillRunningElsewhereIsNotSettled() throws {
        let dir = try LedgerTests.TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        let running = try ledger.begin(Self.draft())
        // Another open (another process, or this one again) while the hook runs.
        let other = try Ledger(path: dir.ledgerPath)
        #expect(try other.settleInterrupted().isEmpty)
        #expect(try other.entries().isEmpty)
        var result = Self.draft()
        result.outcome = .timedOut
        try ledger.append(result, finishing: running)
        #expect(try other.entries().map(\.outcome) == [.timedOut])
    }

    @Test func anAbandonedActionIsRecordedAsInterruptedOnTheNextOpen() throws {
        let dir = try LedgerTests.TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        try ledger.append(LedgerTests.entry(7))
        let running = try ledger.begin(Self.draft("run-lost"))
        // What a kill -9 does: the lock goes with the process, the result is never written.
        running.release()

        let reopened = try Ledger(path: dir.ledgerPath)
        let rows = try reopened.entries()
        #expect(rows.map(\.outcome) == [.succeeded, .interrupted])
        let lost = rows.last
        #expect(lost?.actionID == "run-lost")
        #expect(lost?.identity == Self.draft().identity)
        #expect(lost?.reason == Self.draft().reason)
        #expect(lost?.argv == Self.draft().argv)
        #expect(lost?.exitStatus == nil)
        #expect(lost?.output == Ledger.interruptedNote)
        #expect(lost?.outcome.takesEffect == false)
        #expect(try reopened.verify() == .intact(rows: 2))
        #expect(try Self.pendingCount(dir.ledgerPath) == 0)
        // Settled once.
        #expect(try Ledger(path: dir.ledgerPath).entries().count == 2)
    }

    /// A hook that may change something never runs unrecorded: when the pending record
    /// cannot be made, the hook is not started.
    @Test func aHookDoesNotRunWhenItsStartCannotBeRecorded() async throws {
        let dir = try LedgerTests.TempDirectory()
        let ledger = try Ledger(path: dir.ledgerPath)
        // The lock file's place is taken by a directory: the start cannot be recorded.
        try FileManager.default.createDirectory(atPath: dir.ledgerPath + "-running", withIntermediateDirectories: false)
        let marker = dir.path + "/ran"
        let hook = Hook(name: "touch", run: HookTemplate(command: "/usr/bin/touch", args: [marker]))
        let ex = ResponseExecutor(ledger: ledger, config: ResponseConfig(hooks: [hook]), operatorInfo: OperatorInfo(user: "alice"),
                                  denylistPath: dir.path + "/denylist.json")
        let plan = RevokePlanner.plan(target: RevokeTarget(identity: "agent:a", kind: .aiAgent), config: ex.config, previous: nil)
        let result = await ex.revoke(plan: plan, step: 0, reason: "a reason long enough")
        #expect(!result.succeeded)
        #expect(result.title.contains("not run"), "\(result.title)")
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(try ledger.entries().isEmpty)
    }
}
