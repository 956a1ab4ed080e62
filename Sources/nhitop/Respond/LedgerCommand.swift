import ArgumentParser
import Events
import Foundation
import Reports
import Response

/// `nhitop ledger`: every revoke, undo and acknowledgement, and whether the hash chain holds.
struct LedgerList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "List the ledger's entries and verify its hash chain.",
        discussion: "Exit status 0 when the chain holds; 1 naming the first broken row when it does not.")

    @Flag(help: "One JSON object: {\"verified\",\"rows\",\"broken_row\",\"problem\",\"entries\":[…]}.")
    var json = false

    @Option(help: "Only this identity's entries (the whole chain is still verified).")
    var identity: String?

    @OptionGroup var response: ResponseArguments

    func run() throws {
        let config = try response.loadConfig()
        let path = try response.ledgerPath(config: config)
        guard FileManager.default.fileExists(atPath: path) else {
            throw failure(1, "nhitop ledger: \(path): no ledger there yet")
        }
        let ledger = try response.openLedger(path, readOnly: true)
        var entries = try ledger.entries()
        if let identity { entries = entries.filter { $0.identity == identity } }
        let verification = try ledger.verify()
        if json {
            try StandardOutput.write(LedgerJSON.document(entries, verification: verification))
        } else {
            var out = ""
            for e in entries { out += LedgerJSON.textLine(e) + "\n" }
            switch verification {
            case .intact(let rows): out += "chain intact: \(rows) rows\n"
            case .broken: break
            }
            try StandardOutput.write(out)
        }
        if case let .broken(row, reason) = verification {
            throw failure(1, "nhitop ledger: \(path): row \(row): \(reason)")
        }
    }
}

enum LedgerJSON {
    static func document(_ entries: [LedgerEntry], verification: LedgerVerification) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        switch verification {
        case .intact(let rows):
            w.field("verified", true)
            w.field("rows", rows)
        case let .broken(row, reason):
            w.field("verified", false)
            w.field("broken_row", row)
            w.field("problem", reason)
        }
        w.key("entries")
        w.beginArray()
        for e in entries { write(e, into: &w) }
        w.endArray()
        w.endObject()
        return w.bytes + [UInt8(ascii: "\n")]
    }

    static func write(_ e: LedgerEntry, into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", e.id)
        w.field("action_id", e.actionID)
        w.field("time", e.time.iso8601Micros)
        w.field("action", e.action.rawValue)
        w.field("operator", e.operatorInfo.name)
        w.field("user", e.operatorInfo.user)
        w.field("sudo_user", e.operatorInfo.sudoUser)
        w.field("ssh_address", e.operatorInfo.sshAddress)
        w.field("tty", e.operatorInfo.tty)
        w.field("identity", e.identity)
        w.field("kind", e.identityKind)
        w.field("credential", e.credential)
        w.field("reason", e.reason)
        w.field("hook", e.hook)
        w.field("hook_hash", e.hookHash)
        w.field("argv", strings: e.argv)
        if let code = e.exitStatus { w.field("exit_status", Int64(code)) } else { w.nullField("exit_status") }
        w.field("output", e.output)
        w.field("outcome", e.outcome.rawValue)
        w.field("linked_action_id", e.linkedActionID)
        w.field("grace_seconds", e.graceSeconds)
        w.field("reversible", e.reversible)
        w.field("previous_hash", e.previousHash)
        w.field("hash", e.hash)
        w.endObject()
    }

    /// `#3 2026-11-30T01:02:03Z revoke svc-x by alice via denylist: succeeded — "reason"`
    static func textLine(_ e: LedgerEntry) -> String {
        let p = DisplaySafe.text
        var line = "#\(e.id) \(e.time.iso8601) \(e.action.rawValue) \(p(e.identity)) by \(p(e.operatorInfo.name))"
        if !e.operatorInfo.sshAddress.isEmpty { line += " from \(p(e.operatorInfo.sshAddress))" }
        if !e.hook.isEmpty { line += " via \(p(e.hook))" }
        line += ": \(e.outcome.rawValue)"
        if let code = e.exitStatus { line += " (exit \(code))" }
        if !e.reason.isEmpty { line += " \u{2014} \"\(p(e.reason))\"" }
        return line
    }
}
