/// What the policy point decided about one action.
public enum Decision: UInt8, Sendable, CaseIterable, Codable {
    case allow, deny, error, unknown

    public var label: String {
        switch self {
        case .allow: "allow"
        case .deny: "deny"
        case .error: "error"
        case .unknown: "unknown"
        }
    }

    /// How the screen spells it, short and loud: the feed, the detail pane and the revoke plan.
    public var word: String {
        switch self {
        case .allow: "ALLOW"
        case .deny: "DENY"
        case .error: "ERR"
        case .unknown: "?"
        }
    }

    public init?(label: String) {
        switch label.lowercased() {
        case "allow", "allowed", "success", "ok": self = .allow
        case "deny", "denied", "forbid", "forbidden": self = .deny
        case "error", "failure", "fail": self = .error
        case "unknown", "": self = .unknown
        default: return nil
        }
    }
}

/// The kind of identity acting. Non-human kinds first; `human` exists because
/// people do use NHI credentials, and that is a signal.
public enum IdentityKind: UInt8, Sendable, CaseIterable, Codable {
    case awsUser, awsRole, awsService, awsRoot
    case k8sServiceAccount, k8sNode, k8sControlPlane
    case vaultToken, githubApp, githubToken
    case apiKey, ciJob, aiAgent, workload, service
    case human, anonymous, unknown

    /// A stable, short label used in JSON output, the native event format and the table.
    public var label: String {
        switch self {
        case .awsUser: "aws_user"
        case .awsRole: "aws_role"
        case .awsService: "aws_service"
        case .awsRoot: "aws_root"
        case .k8sServiceAccount: "k8s_sa"
        case .k8sNode: "k8s_node"
        case .k8sControlPlane: "k8s_system"
        case .vaultToken: "vault_token"
        case .githubApp: "gh_app"
        case .githubToken: "gh_token"
        case .apiKey: "api_key"
        case .ciJob: "ci_job"
        case .aiAgent: "ai_agent"
        case .workload: "workload"
        case .service: "service"
        case .human: "human"
        case .anonymous: "anonymous"
        case .unknown: "unknown"
        }
    }

    public init?(label: String) {
        guard let kind = IdentityKind.allCases.first(where: { $0.label == label }) else { return nil }
        self = kind
    }
}

/// The log format a record was recognised as.
public enum SourceFormat: UInt8, Sendable, CaseIterable, Codable {
    case cloudtrail, k8sAudit, opa, vault, github, nhitop, mapped

    public var label: String {
        switch self {
        case .cloudtrail: "cloudtrail"
        case .k8sAudit: "k8s_audit"
        case .opa: "opa"
        case .vault: "vault"
        case .github: "github"
        case .nhitop: "nhitop"
        case .mapped: "mapped"
        }
    }

    public init?(label: String) {
        guard let f = SourceFormat.allCases.first(where: { $0.label == label }) else { return nil }
        self = f
    }
}

/// Where a record came from: the source's name (a path, `-` for stdin, `demo`) and the
/// 1-based line on which the record starts. Evidence an operator can open.
///
/// `offset` and `length` let the record be read back (Ingest's `RecordReadBack`): the byte
/// offset of its first byte in the source's stream (decompressed, for `.gz`) and its size in
/// bytes. Ingest's framer knows both for free; -1 and 0 mean unknown (the line is then used).
/// Several records share a line in a one-line `{"Records":[…]}` file: the offset tells them apart.
public struct EventOrigin: Hashable, Sendable {
    public var source: String
    public var line: Int64
    public var offset: Int64
    public var length: Int32

    public init(source: String, line: Int64, offset: Int64 = -1, length: Int32 = 0) {
        self.source = source
        self.line = line
        self.offset = offset
        self.length = length
    }
}

/// One action by one identity, whatever log it came from.
public struct NormalizedEvent: Hashable, Sendable {
    public var time: EventTime
    /// The stable identity that acted (a role, not a role session; the impersonated user).
    public var identity: String
    public var identityKind: IdentityKind
    /// Service-qualified action, e.g. `iam:CreateAccessKey`, `create pods/exec`, `read secret/data/app`.
    public var action: String
    public var resource: String
    public var decision: Decision
    public var sourceIP: String
    /// The revocable handle: access key id, Vault accessor, token id. Empty when not logged.
    public var credentialID: String
    public var format: SourceFormat
    /// Ingest found `time` more than its tolerance ahead of the wall clock (when following
    /// live) or of the stream's own recent times. The event is real evidence and is shown as
    /// written, but its time is not trusted: it must not move the event clock or the rates.
    /// (Declared here, next to the one-byte `format`, it fits in padding: no bigger event.)
    public var clockSkewed = false
    public var origin: EventOrigin
    /// Who really acted when it differs from `identity` (impersonator, role session name). Empty otherwise.
    public var actor: String
    /// Detection rules (the built-in catalogue, Sigma) that matched the raw record. Ingest
    /// fills it when rules are loaded; usually empty (an empty array costs no allocation).
    public var ruleHits: [RuleHit] = []

    public init(time: EventTime, identity: String, identityKind: IdentityKind, action: String,
                resource: String = "", decision: Decision = .unknown, sourceIP: String = "",
                credentialID: String = "", format: SourceFormat, origin: EventOrigin, actor: String = "") {
        self.time = time
        self.identity = identity
        self.identityKind = identityKind
        self.action = action
        self.resource = resource
        self.decision = decision
        self.sourceIP = sourceIP
        self.credentialID = credentialID
        self.format = format
        self.origin = origin
        self.actor = actor
    }
}
