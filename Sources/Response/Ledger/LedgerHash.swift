import Crypto
import Events

extension Ledger {
    /// Version tag at the start of every hashed encoding: a future change of the encoding
    /// gets a new tag instead of silently colliding with rows written by this one.
    static let hashEncodingTag = "nhitop-ledger-v1"

    /// Hex SHA-256 over the row's content and the previous row's hash.
    ///
    /// The encoding is a sequence of netstrings (`<UTF-8 byte count>:<bytes>,`) in a fixed
    /// field order, so no choice of field values can make two different rows encode alike:
    /// a reason ending in `,` cannot borrow bytes from the hook name after it. Every content
    /// field is covered (id included, so rows cannot be swapped; `hash` itself excluded).
    public static func hash(of entry: LedgerEntry, previousHash: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + entry.reason.utf8.count + entry.output.utf8.count)
        func field(_ text: String) { netstring(Array(text.utf8), into: &bytes) }

        field(hashEncodingTag)
        field(String(entry.id))
        field(entry.actionID)
        field(String(entry.time.microseconds))
        field(entry.action.rawValue)
        field(entry.operatorInfo.user)
        field(entry.operatorInfo.sudoUser)
        field(entry.operatorInfo.sshAddress)
        field(entry.operatorInfo.tty)
        field(entry.identity)
        field(entry.identityKind)
        field(entry.credential)
        field(entry.reason)
        field(entry.hook)
        field(entry.hookHash)
        // argv: one netstring holding the count and each element's netstring, so
        // ["a b"] and ["a", "b"] differ.
        var argv: [UInt8] = []
        netstring(Array(String(entry.argv.count).utf8), into: &argv)
        for element in entry.argv { netstring(Array(element.utf8), into: &argv) }
        netstring(argv, into: &bytes)
        // nil is the empty field; a status is never empty, so the two cannot be confused.
        field(entry.exitStatus.map { String($0) } ?? "")
        field(entry.output)
        field(entry.outcome.rawValue)
        field(entry.linkedActionID)
        field(String(entry.graceSeconds))
        field(entry.reversible ? "1" : "0")
        field(previousHash)

        return SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

private func netstring(_ content: [UInt8], into bytes: inout [UInt8]) {
    bytes.append(contentsOf: String(content.count).utf8)
    bytes.append(UInt8(ascii: ":"))
    bytes.append(contentsOf: content)
    bytes.append(UInt8(ascii: ","))
}
