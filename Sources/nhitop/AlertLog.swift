import Activity
import Foundation
import Reports

/// `--alerts FILE`: each alert appended as one JSON line and flushed at once, so a
/// shipper tailing the file (or an operator with `tail -f`) sees it as it happens.
final class AlertLog {
    private let handle: FileHandle
    let path: String

    init(path: String) throws {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw AlertLogError(message: "\(path): cannot create the alerts file")
            }
        }
        do {
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seekToEnd()
        } catch {
            throw AlertLogError(message: "\(path): cannot open the alerts file for appending")
        }
    }

    func write(_ alerts: [Alert]) {
        guard !alerts.isEmpty else { return }
        var bytes: [UInt8] = []
        for a in alerts { bytes += a.jsonLine() }
        handle.write(Data(bytes))
        try? handle.synchronize()
    }

    deinit { try? handle.close() }
}

struct AlertLogError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
