import ArgumentParser
import Foundation
import Response

/// Options of every command that revokes or reads the ledger.
struct ResponseArguments: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Hooks and response settings in YAML (default $XDG_CONFIG_HOME/nhitop/config.yaml, then ~/.config/nhitop/config.yaml; see examples/hooks/).",
        valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp(
        "The shared SQLite ledger of revokes, undos and acknowledgements (default $XDG_STATE_HOME/nhitop/ledger.sqlite, then ~/.local/state/nhitop/).",
        valueName: "file"))
    var ledger: String?

    @Option(help: ArgumentHelp("Where the built-in denylist hook writes its OPA document (default beside the ledger).",
                               valueName: "file"))
    var denylist: String?

    @Flag(help: "Never revoke, undo or acknowledge; nothing is ever run (also `read_only: true` in the config).")
    var readOnly = false

    /// The config named by --config (which must exist), else the default file when it exists, else none.
    func loadConfig(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ResponseConfig {
        var loaded = ResponseConfig.empty
        if let config {
            loaded = try load(config)
        } else if let path = ResponseConfig.defaultPath(environment: environment),
                  FileManager.default.fileExists(atPath: path) {
            loaded = try load(path)
        }
        if readOnly { loaded.readOnly = true }
        return loaded
    }

    private func load(_ path: String) throws -> ResponseConfig {
        do {
            return try ResponseConfig.load(contentsOf: path)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// --ledger, else the config's `ledger:`, else the default location (`demo-ledger.sqlite`
    /// for the demo, so practice revokes never mix with real ones).
    func ledgerPath(config: ResponseConfig, demo: Bool = false,
                    environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let ledger { return ledger }
        if let path = config.ledgerPath { return path }
        guard let path = LedgerLocation.defaultPath(environment: environment) else {
            throw ValidationError("no ledger location: set --ledger, XDG_STATE_HOME or HOME")
        }
        return demo ? (path as NSString).deletingLastPathComponent + "/demo-ledger.sqlite" : path
    }

    func denylistPath(config: ResponseConfig, ledgerPath: String) -> String {
        denylist ?? config.denylistPath ?? ((ledgerPath as NSString).deletingLastPathComponent + "/denylist.json")
    }

    /// `readOnly` opens an existing ledger without creating or migrating anything.
    func openLedger(_ path: String, readOnly: Bool = false) throws -> Ledger {
        do {
            return try Ledger(path: path, readOnly: readOnly)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
