#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import Events
@testable import Response

@Suite struct DenylistTests {
    static let t0 = EventTime(seconds: 1_764_426_760)  // 2025-11-29T14:32:40Z

    static func entry(_ identity: String, by: String = "alice", reason: String = "leaked key in ticket SEC-1",
                      at: EventTime = t0, id: String = "a1") -> DenylistEntry {
        DenylistEntry(identity: identity, by: by, reason: reason, at: at, actionID: id)
    }

    static func revoked(_ bytes: [UInt8]) throws -> [String: [String: String]] {
        let any = try JSONSerialization.jsonObject(with: Data(bytes))
        let root = try #require(any as? [String: Any])
        let nhitop = try #require(root["nhitop"] as? [String: Any])
        return try #require(nhitop["revoked"] as? [String: [String: String]])
    }

    @Test func documentIsOPAReadyJSON() throws {
        let bytes = Denylist.document([Self.entry("agent:billing-bot", id: "act-1"),
                                       Self.entry("svc-reporting", by: "bob", reason: "enumeration", id: "act-2")])
        let revoked = try Self.revoked(bytes)
        #expect(revoked.count == 2)
        #expect(revoked["agent:billing-bot"] == ["by": "alice", "reason": "leaked key in ticket SEC-1",
                                                 "at": "2025-11-29T14:32:40Z", "action_id": "act-1"])
        #expect(revoked["svc-reporting"]?["by"] == "bob")
        #expect(String(decoding: bytes, as: UTF8.self) ==
            #"{"nhitop":{"revoked":{"agent:billing-bot":{"action_id":"act-1","at":"2025-11-29T14:32:40Z","by":"alice","reason":"leaked key in ticket SEC-1"},"svc-reporting":{"action_id":"act-2","at":"2025-11-29T14:32:40Z","by":"bob","reason":"enumeration"}}}}"# + "\n")
    }

    @Test func emptyDocumentStillHasTheShape() throws {
        #expect(try Self.revoked(Denylist.document([])).isEmpty)
    }

    @Test func sameEntriesSameBytesWhateverTheOrder() {
        let a = Self.entry("b"), b = Self.entry("a"), c = Self.entry("Z"), d = Self.entry("é")
        #expect(Denylist.document([a, b, c, d]) == Denylist.document([d, c, b, a]))
    }

    @Test func duplicateIdentityKeepsTheLatest() throws {
        let bytes = Denylist.document([Self.entry("x", reason: "newer reason", at: Self.t0.adding(seconds: 60), id: "2"),
                                       Self.entry("x", reason: "older reason", id: "1")])
        let revoked = try Self.revoked(bytes)
        #expect(revoked.count == 1)
        #expect(revoked["x"]?["action_id"] == "2")
    }

    @Test(arguments: [
        "quote\"d", "line\nbreak", "nul\u{0000}byte", "rtl\u{202E}gnp.exe", "back\\slash", "tab\there",
        "\u{1b}[2Jesc", "del\u{7F}", "ünïcødé 🔑", "x; touch pwned $(id)", "</script>",
    ])
    func hostileStringsRoundTrip(_ hostile: String) throws {
        let bytes = Denylist.document([Self.entry(hostile, by: hostile, reason: hostile, id: hostile)])
        // One line: nothing in a value can break the document's structure.
        #expect(bytes.filter { $0 == 0x0A }.count == 1 && bytes.last == 0x0A)
        #expect(!bytes.dropLast().contains { $0 < 0x20 })
        let revoked = try Self.revoked(bytes)
        #expect(Array(revoked.keys) == [hostile])
        #expect(revoked[hostile] == ["by": hostile, "reason": hostile, "at": "2025-11-29T14:32:40Z", "action_id": hostile])
    }

    // MARK: write

    static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/nhitop-denylist-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        try #require(made != nil)
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func listing(_ directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory).sorted()) ?? []
    }

    static func mode(_ path: String) -> mode_t {
        var st = stat()
        guard stat(path, &st) == 0 else { return 0 }
        return st.st_mode & 0o7777
    }

    @Test func writeCreatesThePrivateDirectoryAndAReadableFile() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/state/nhitop/denylist.json"
        let entries = [Self.entry("agent:billing-bot")]
        try Denylist.write(entries, to: path)
        #expect(Self.mode(root + "/state") == 0o700)
        #expect(Self.mode(root + "/state/nhitop") == 0o700)
        #expect(Self.mode(path) == 0o644)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == Denylist.document(entries))
        #expect(Self.listing(root + "/state/nhitop") == ["denylist.json"])
    }

    @Test func writeReplacesAnExistingFileAndLeavesNoTemporaries() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/denylist.json"
        try Data(String(repeating: "old content that is longer than the new document ", count: 100).utf8)
            .write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        let entries = [Self.entry("x")]
        try Denylist.write(entries, to: path)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == Denylist.document(entries))
        #expect(Self.mode(path) == 0o644)
        try Denylist.write([], to: path)
        #expect(try Self.revoked([UInt8](Data(contentsOf: URL(fileURLWithPath: path)))).isEmpty)
        #expect(Self.listing(root) == ["denylist.json"])
    }

    @Test func readersNeverSeeAHalfWrittenDocument() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/denylist.json"
        // Big enough that a non-atomic write would be seen mid-way.
        let many = (0..<500).map { Self.entry("identity-\($0)", reason: String(repeating: "r", count: 100)) }
        try Denylist.write([], to: path)
        // A thread of its own reads as fast as it can until the writer is done: a truncate-then-
        // write is caught between the two (an empty or cut file) within a few rewrites. Not a task:
        // a busy loop there would starve the cooperative pool other tests run on.
        let reader = Reader(path: path)
        let thread = Thread { reader.run() }
        thread.start()
        for i in 0..<40 { try Denylist.write(i.isMultiple(of: 2) ? many : [Self.entry("x")], to: path) }
        let seen = reader.stop()
        #expect(seen.reads > 10)
        #expect(seen.bad == 0)
        #expect(Self.listing(root) == ["denylist.json"])
    }

    /// Reads and parses the file in a loop on its own thread, counting reads that do not parse.
    final class Reader: @unchecked Sendable {
        let path: String
        private let lock = NSCondition()
        private var stopping = false, finished = false, reads = 0, bad = 0

        init(path: String) { self.path = path }

        func run() {
            while !lock.withLock({ stopping }) {
                let ok = FileManager.default.contents(atPath: path)
                    .map { (try? JSONSerialization.jsonObject(with: $0)) != nil } ?? false
                lock.withLock { reads += 1; if !ok { bad += 1 } }
            }
            lock.withLock { finished = true; lock.broadcast() }
        }

        func stop() -> (reads: Int, bad: Int) {
            lock.lock()
            defer { lock.unlock() }
            stopping = true
            while !finished { lock.wait() }
            return (reads, bad)
        }
    }

    @Test func writeFailureIsAnErrorNamingThePath() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("file".utf8).write(to: URL(fileURLWithPath: root + "/plain"))
        let error = try #require(throws: DenylistWriteError.self) {
            try Denylist.write([], to: root + "/plain/sub/denylist.json")
        }
        #expect(error.description.contains(root + "/plain/sub/denylist.json"))
        #expect(Self.listing(root) == ["plain"])
    }

    // MARK: entries(from:)

    static let alice = OperatorInfo(user: "ops", sudoUser: "alice")

    static func row(_ action: LedgerAction, _ identity: String, id: String, hook: String = "denylist",
                    outcome: LedgerOutcome = .succeeded, linked: String = "", at seconds: Int64 = 0,
                    reason: String = "reason for it") -> LedgerEntry {
        LedgerEntry(actionID: id, time: t0.adding(seconds: seconds), action: action, operatorInfo: alice,
                    identity: identity, reason: reason, hook: hook, outcome: outcome, linkedActionID: linked)
    }

    @Test func entriesHonourOutcomeHookAndUndo() {
        let ledger = [
            Self.row(.revoke, "kept", id: "r1"),
            Self.row(.revoke, "failed", id: "r2", outcome: .failed),
            Self.row(.revoke, "timed-out", id: "r3", outcome: .timedOut),
            Self.row(.revoke, "rehearsed", id: "r4", outcome: .dryRun),
            Self.row(.revoke, "other-hook", id: "r5", hook: "vault-revoke"),
            Self.row(.revoke, "manual", id: "r6", outcome: .manual),
            Self.row(.revoke, "undone", id: "r7"),
            Self.row(.acknowledge, "kept", id: "k1", outcome: .recorded, linked: "r1"),
            Self.row(.undo, "undone", id: "u1", linked: "r7", at: 10),
            Self.row(.undo, "manual", id: "u2", outcome: .dryRun, linked: "r6", at: 10),   // a rehearsal undoes nothing
            Self.row(.undo, "kept", id: "u3", outcome: .failed, linked: "r1", at: 10),     // nor does a failed undo
        ]
        let entries = Denylist.entries(from: ledger)
        #expect(entries.map(\.identity) == ["kept", "manual"])
        #expect(entries[0] == DenylistEntry(identity: "kept", by: "alice", reason: "reason for it", at: Self.t0, actionID: "r1"))
    }

    @Test func latestRevokeWinsAndUndoOfItLiftsTheIdentity() {
        let rerevoked = [
            Self.row(.revoke, "x", id: "r1", reason: "first"),
            Self.row(.revoke, "x", id: "r2", at: 30, reason: "second"),
            Self.row(.undo, "x", id: "u1", linked: "r1", at: 40),   // undoing the superseded one changes nothing
        ]
        let entries = Denylist.entries(from: rerevoked)
        #expect(entries.count == 1)
        #expect(entries.first?.actionID == "r2")
        #expect(entries.first?.reason == "second")
        #expect(entries.first?.at == Self.t0.adding(seconds: 30))

        #expect(Denylist.entries(from: rerevoked + [Self.row(.undo, "x", id: "u2", linked: "r2", at: 50)]).isEmpty)
        // Revoked again after the undo: in force again.
        let again = rerevoked + [Self.row(.undo, "x", id: "u2", linked: "r2", at: 50), Self.row(.revoke, "x", id: "r3", at: 60)]
        #expect(Denylist.entries(from: again).map(\.actionID) == ["r3"])
    }
}
