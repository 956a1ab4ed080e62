import Events

/// One revoke action an operator can run on an identity, from the `hooks:` map of the
/// config file (risk-and-response notes §5). Its command runs as an argv, never a shell.
public struct Hook: Hashable, Sendable {
    /// The key under `hooks:`, e.g. `vault-revoke-accessor`.
    public var name: String
    public var description: String
    /// Identity kinds it applies to; empty means every kind.
    public var scopes: [IdentityKind]
    /// What it runs.
    public var run: HookTemplate
    /// Irreversible or wide: the operator must type the identity's name to confirm.
    public var dangerous: Bool
    /// Killed (and recorded as timed out) after this long.
    public var timeoutSeconds: Double
    /// How to reverse it; nil means it cannot be undone.
    public var undo: HookTemplate?
    /// A harmless rehearsal (`--dry-run`), when the tool has one.
    public var dryRun: HookTemplate?
    /// What it will not stop, in words ("STS sessions already issued stay valid until they expire").
    public var survivors: [String]
    /// Seconds of event time during which allowed events do not count against the revoke;
    /// nil uses the config's `grace`.
    public var graceSeconds: Int64?
    /// SHA-256 (hex) of the hook's definition as written, so the ledger proves what ran.
    public var definitionHash: String

    public init(name: String, description: String = "", scopes: [IdentityKind] = [], run: HookTemplate,
                dangerous: Bool = false, timeoutSeconds: Double = 30, undo: HookTemplate? = nil,
                dryRun: HookTemplate? = nil, survivors: [String] = [], graceSeconds: Int64? = nil,
                definitionHash: String = "") {
        self.name = name
        self.description = description
        self.scopes = scopes
        self.run = run
        self.dangerous = dangerous
        self.timeoutSeconds = timeoutSeconds
        self.undo = undo
        self.dryRun = dryRun
        self.survivors = survivors
        self.graceSeconds = graceSeconds
        self.definitionHash = definitionHash
    }

    public var reversible: Bool { undo != nil }

    public func applies(to kind: IdentityKind) -> Bool { scopes.isEmpty || scopes.contains(kind) }
}

/// The response part of nhitop's config file (`--config`, default
/// `$XDG_CONFIG_HOME/nhitop/config.yaml`, then `~/.config/nhitop/config.yaml`).
public struct ResponseConfig: Hashable, Sendable {
    /// In file order: the plan lists them in the order the operator wrote them.
    public var hooks: [Hook]
    /// No revoke, undo or acknowledge: for a shared jump-host account.
    public var readOnly: Bool
    /// Default grace for hooks that do not set one: allows this soon after a revoke are propagation, not failure.
    public var graceSeconds: Int64
    /// After an acknowledgement, the same signals do not alert again for this identity for this long.
    public var acknowledgeQuietSeconds: Int64
    /// `ledger:` and `denylist:` paths, when the file sets them (the command line wins).
    public var ledgerPath: String?
    public var denylistPath: String?
    /// The file it was read from, for messages; nil for the built-in empty config.
    public var source: String?

    public init(hooks: [Hook] = [], readOnly: Bool = false, graceSeconds: Int64 = 60,
                acknowledgeQuietSeconds: Int64 = 3600, ledgerPath: String? = nil, denylistPath: String? = nil,
                source: String? = nil) {
        self.hooks = hooks
        self.readOnly = readOnly
        self.graceSeconds = graceSeconds
        self.acknowledgeQuietSeconds = acknowledgeQuietSeconds
        self.ledgerPath = ledgerPath
        self.denylistPath = denylistPath
        self.source = source
    }

    /// No config file: no hooks; the plan offers the built-in deny-list and a manual record.
    public static let empty = ResponseConfig()

    public func hooks(for kind: IdentityKind) -> [Hook] { hooks.filter { $0.applies(to: kind) } }

    public func hook(named name: String) -> Hook? { hooks.first { $0.name == name } }
}
