import Foundation

/// A command line typed into a test's tmux shell, whose exit status the shell writes to a
/// file of its own. The status is read from that file, never from the screen: the typed line
/// stays on the screen, so a marker such as `EXIT:` in it would match before the program ends.
final class TypedCommand {
    let statusPath: String
    private let tmux: Tmux

    fileprivate init(tmux: Tmux, statusPath: String) {
        self.tmux = tmux
        self.statusPath = statusPath
    }

    deinit {
        unlink(statusPath)
        unlink(statusPath + ".tmp")
    }

    /// Waits for the command to end and returns its exit status as the shell saw it
    /// (128 + n when a signal n ended it). Throws when it has not ended within `timeout`.
    func exitStatus(timeout: TimeInterval = 5) throws -> Int32 {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            // The shell renames the file into place whole, so existing means written.
            if let data = FileManager.default.contents(atPath: statusPath) {
                let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                guard let status = Int32(text) else { throw TmuxError.failed("status file holds \"\(text)\"") }
                return status
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let screen = (try? tmux.screen()) ?? ""
        throw TmuxError.timeout("the command did not exit within \(timeout)s; screen was:\n\(screen)")
    }
}

extension Tmux {
    /// Types `command` (one shell line, `&&` and pipes allowed) so that the shell records its
    /// exit status when it ends; `exitStatus()` on the result waits for it.
    func start(_ command: String) throws -> TypedCommand {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("nhitop-e2e-\(UUID().uuidString).status").path
        // `$?` is the status of the last command before `;`: the whole of `command`, or its
        // pipeline's last element.
        try type("\(command); echo $? > '\(path).tmp' && mv '\(path).tmp' '\(path)'")
        return TypedCommand(tmux: self, statusPath: path)
    }
}
