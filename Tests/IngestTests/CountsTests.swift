import Events
import Foundation
import Testing
@testable import Ingest

/// One Kubernetes audit stage as the API server writes it (JSON lines).
private func k8sStage(id: String, stage: String, user: String = "system:serviceaccount:pay:api",
                      verb: String = "get", at time: String = "2026-11-29T10:00:00.100000Z") -> String {
    #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"\#(id)","stage":"\#(stage)","requestURI":"/api/v1/namespaces/pay/secrets/db","verb":"\#(verb)","user":{"username":"\#(user)","groups":["system:serviceaccounts","system:authenticated"]},"sourceIPs":["10.0.4.7"],"objectRef":{"resource":"secrets","namespace":"pay","name":"db","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"2026-11-29T10:00:00.000000Z","stageTimestamp":"\#(time)"}"# + "\n"
}

@Suite("Counts: dedupe per run, forgotten inodes, bracketed prefixes, identity-less records")
struct CountsTests {
    // MARK: auditID dedupe is per run

    @Test func stagesSplitByARotationCountOnceInADirectory() throws {
        let dir = try ScratchDir()
        // A long watch: ResponseStarted lands in the old file, ResponseComplete in the new one.
        write(Array(k8sStage(id: "7f3c1d2e-0001", stage: "ResponseStarted", verb: "watch").utf8), to: dir.path("logs/audit.log.1"))
        write(Array(k8sStage(id: "7f3c1d2e-0001", stage: "ResponseComplete", verb: "watch").utf8), to: dir.path("logs/audit.log"))
        var events: [NormalizedEvent] = []
        let statuses = InputSet.readAll(paths: [dir.path("logs")]) { events.append($0) }
        #expect(events.count == 1)
        #expect(statuses.map(\.events).reduce(0, +) == 1)
        #expect(statuses.map(\.ignored).reduce(0, +) == 1)
    }

    @Test func stagesSplitAcrossFollowedFilesCountOnce() throws {
        let dir = try ScratchDir()
        write(Array(k8sStage(id: "7f3c1d2e-0002", stage: "ResponseStarted", verb: "watch").utf8), to: dir.path("a.log"))
        write(Array(k8sStage(id: "7f3c1d2e-0002", stage: "ResponseComplete", verb: "watch").utf8), to: dir.path("b.log"))
        var set = InputSet(paths: [dir.path("a.log"), dir.path("b.log")])
        var events: [NormalizedEvent] = []
        for t in [0.0, 0.1] { events += set.drain(at(t)) }
        #expect(events.count == 1)
    }

    @Test func aReusedAuditIDWithAnotherUserOrVerbIsCountedAndFlagged() {
        // Real exports (and test fixtures) reuse one auditID for unrelated requests.
        let text = k8sStage(id: "abcde12345", stage: "ResponseComplete")
            + k8sStage(id: "abcde12345", stage: "ResponseComplete", user: "aksService", verb: "update")
            + k8sStage(id: "abcde12345", stage: "ResponseComplete", user: "aksService", verb: "update")  // a true repeat
            + k8sStage(id: "abcde12345", stage: "ResponseComplete", verb: "list")
        let (events, status) = decode(text)
        #expect(events.map(\.identity) == ["system:serviceaccount:pay:api", "aksService", "system:serviceaccount:pay:api"])
        #expect(events.map(\.action) == ["get secrets", "update secrets", "list secrets"])
        #expect(status.ignored == 1)
        #expect(status.malformed == 0)
        #expect(status.auditIDReused == 2)
    }

    // MARK: inode reuse

    @Test func aNewFileReusingAForgottenInodeIsRead() throws {
        let dir = try ScratchDir()
        let log = dir.path("a.log")
        write(eventLines(3), to: log)
        var set = InputSet(paths: [dir.path("*.log")])
        var events = set.drain(at(0))
        #expect(events.count == 3)
        let old = try #require(FileIdentity(path: log))
        // Rotate to a name the glob does not match; the follower drains it and moves on.
        try FileManager.default.moveItem(atPath: log, toPath: dir.path("a.old"))
        write(eventLines(2, from: 50), to: log)
        events = set.drain(at(1.5)) + set.drain(at(1.6))
        #expect(events.count == 2)
        // The rotated file is deleted; a new file takes its inode (ext4 and overlayfs reuse it at once).
        try FileManager.default.removeItem(atPath: dir.path("a.old"))
        write(eventLines(1, from: 90), to: dir.path("c.log"))
        let reused = FileIdentity(path: dir.path("c.log")) == old
        events = []
        for t in [3.0, 3.1, 4.5, 4.6] { events += set.drain(at(t)) }
        #expect(events.count == 1, "c.log (inode reused: \(reused)) must be read")
        #expect(set.statuses.map(\.name) == [log, dir.path("c.log")])
    }

    @Test func knownFilesForgetAFileWhoseInodeWasTakenByANewOne() {
        // Injected (device, inode) and sizes: what stat says per path.
        let a = FileIdentity(device: 1, inode: 42), b = FileIdentity(device: 1, inode: 43)
        var disk: [String: (id: FileIdentity, size: Int64)] = ["/l/app.log": (a, 900)]
        var known = KnownFiles()
        known.update(held: [(a, "/l/app.log", true)], stat: { disk[$0] })
        // Rotated: app.log.1 is the old file (as large), app.log a new one.
        disk = ["/l/app.log.1": (a, 950), "/l/app.log": (b, 10)]
        known.update(held: [(b, "/l/app.log", true)], stat: { disk[$0] })
        known.prune(view: { Array(disk.keys) }, stat: { disk[$0] })
        #expect(known.entries[a] == KnownFiles.Entry(path: "/l/app.log.1", size: 950))
        // app.log.1 deleted; a new, smaller file takes inode 42 under another watched name.
        disk = ["/l/app.log": (b, 10), "/l/other.log": (a, 20)]
        known.prune(view: { Array(disk.keys) }, stat: { disk[$0] })
        #expect(!known.contains(a))
        #expect(known.contains(b))  // held open by a source: kept whatever happens
        // Gone from every watched path: forgotten too.
        known.remember(a, path: "/l/gone.log", size: 5)
        disk = ["/l/app.log": (b, 10)]
        known.prune(view: { Array(disk.keys) }, stat: { disk[$0] })
        #expect(!known.contains(a))
    }

    /// A stage with a time nhitop rejects must not mark its request as seen: the valid stage
    /// after it is the request's one event.
    @Test func aStageWithAnInsaneTimeDoesNotSwallowTheRequest() {
        let text = k8sStage(id: "r-1", stage: "ResponseStarted", at: "1970-01-01T00:00:00Z")
            + k8sStage(id: "r-1", stage: "ResponseComplete")
        let (events, status) = decode(text)
        #expect(events.count == 1)
        #expect(status.malformed == 1)
    }

    // MARK: bracketed prefixes

    @Test func aBracketedPrefixIsSkippedAndTheObjectRead() {
        let event = #"{"ts":"2026-11-29T10:00:00Z","identity":"svc-a","action":"read","decision":"allow"}"#
        let text = "[2026-11-29 10:00:00] " + event + "\n"
            + "[notice] " + event + "\n"
            + "[INFO] [worker-3] " + event + "\n"
        let (events, status) = decode(text)
        #expect(events.count == 3)
        #expect(status.malformed == 0)
        // Chunked one byte at a time: the same.
        #expect(decode(text, chunk: 1).status.malformed == 0)
        #expect(decode(text, chunk: 1).events.count == 3)
    }

    @Test func aRealJSONArrayStillStreamsItsElements() {
        let event = #"{"ts":"2026-11-29T10:00:00Z","identity":"svc-a","action":"read","decision":"allow"}"#
        let (events, status) = decode("[" + event + "," + event + "]\n" + "[\n  " + event + ",\n  " + event + "\n]\n")
        #expect(events.count == 4)
        #expect(status.malformed == 0)
        // A bracket that is neither JSON nor a prefix before an object stays junk.
        #expect(decode("[oops] no object here\n").status.malformed == 1)
        #expect(decode("[1, 2]\n").status.malformed == 2)
        // The same array at the very end of the input, with no newline after it: still one per element.
        #expect(decode("[1, 2, 3]").status.malformed == 3)
        #expect(decode(#"["a", "b"]"#, chunk: 1).status.malformed == 2)
    }

    /// A line cut inside a string while the framer is still deciding whether `[` starts a
    /// prefix or an array: that one line is malformed, and the records after it are read.
    /// (Before, the open quote stayed open across lines and nothing after it was ever decoded.)
    @Test func aLineCutInsideABracketDoesNotBlindTheRest() {
        let event = #"{"ts":"2026-11-29T10:00:00Z","identity":"svc-a","action":"read","decision":"allow"}"#
        for cut in [#"["a","b"#, #"[notice "#, #"["x\"#] {
            let text = cut + "\n" + event + "\n" + event + "\n"
            for chunk in [nil, 1] as [Int?] {
                let (events, status) = decode(text, chunk: chunk)
                #expect(events.count == 2, "after \(cut.debugDescription), chunk \(String(describing: chunk))")
                #expect(status.malformed == 1, "after \(cut.debugDescription), chunk \(String(describing: chunk))")
            }
        }
    }

    // MARK: identity-less records stay apart per format

    @Test func recordsWithoutAnIdentityAreNamedByFormat() {
        let k8s = #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"0f0e-1","stage":"ResponseComplete","requestURI":"/healthz","verb":"get","user":{},"sourceIPs":["10.0.0.9"],"responseStatus":{"code":200},"stageTimestamp":"2026-11-29T10:00:00Z"}"#
        let opa = #"{"decision_id":"4ca636c1","path":"http/authz/allow","input":{"method":"GET","path":"/v1/orders"},"result":true,"timestamp":"2026-11-29T10:00:01Z"}"#
        let vault = #"{"time":"2026-11-29T10:00:02Z","type":"response","request":{"id":"b1","operation":"read","path":"secret/data/x","remote_address":"10.0.0.5"},"error":"permission denied"}"#
        let (events, status) = decode(line(k8s) + line(opa) + line(vault))
        #expect(status.malformed == 0)
        #expect(events.map(\.identity) == ["(no identity) k8s_audit", "(no identity) opa", "(no identity) vault"])
        #expect(events.allSatisfy { $0.identityKind == .unknown })
    }
}
