/// Where the ledger lives when neither `--ledger` nor the config file says.
public enum LedgerLocation {
    /// `$XDG_STATE_HOME/nhitop/ledger.sqlite`, else `$HOME/.local/state/nhitop/ledger.sqlite`;
    /// nil when neither is set.
    ///
    /// An empty or relative `XDG_STATE_HOME` is ignored, as the XDG base directory spec asks:
    /// a relative one would put the ledger wherever nhitop happened to be started.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return joined(state, "nhitop/ledger.sqlite")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return joined(home, ".local/state/nhitop/ledger.sqlite")
        }
        return nil
    }

    private static func joined(_ directory: String, _ rest: String) -> String {
        directory.hasSuffix("/") ? directory + rest : directory + "/" + rest
    }
}
