import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension OperatorInfo {
    /// From `$USER` (else `$LOGNAME`, else the password database entry of the real uid),
    /// `$SUDO_USER`, the client address (first field) of `$SSH_CONNECTION`, and the
    /// terminal on standard input (else "").
    ///
    /// The environment is what the operator's login set up; it can be forged by the person
    /// it describes, which is why the ledger also chains rows rather than trusting names.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> OperatorInfo {
        let user = nonEmpty(environment["USER"]) ?? nonEmpty(environment["LOGNAME"]) ?? passwordName() ?? ""
        let sshAddress = (environment["SSH_CONNECTION"] ?? "")
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        return OperatorInfo(user: user, sudoUser: environment["SUDO_USER"] ?? "", sshAddress: sshAddress,
                            tty: terminalName() ?? "")
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    /// `getpwuid_r` rather than `getpwuid`: the static buffer of the latter is not safe
    /// while another thread looks up a user.
    private static func passwordName() -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        let status = getpwuid_r(getuid(), &entry, &buffer, buffer.count, &result)
        guard status == 0, result != nil, let name = entry.pw_name else { return nil }
        return nonEmpty(String(cString: name))
    }

    /// `ttyname_r` for the same reason as above.
    private static func terminalName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard ttyname_r(0, &buffer, buffer.count) == 0 else { return nil }
        let name = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return nonEmpty(name)
    }
}
