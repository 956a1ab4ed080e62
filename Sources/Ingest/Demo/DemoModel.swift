import Events

/// Who acts, in the terms of the log that records it.
enum DemoPrincipal: Sendable {
    case aws(DemoAWSPrincipal)
    /// `system:serviceaccount:<namespace>:<name>`.
    case k8s(namespace: String, name: String, uid: String)
    case vault(DemoVaultPrincipal)
    /// An AI agent whose tool calls go through an OPA-guarded gateway.
    case agent(id: String, onBehalfOf: String)
    case github(DemoGitHubPrincipal)
    /// nhitop's own JSONL format: CI jobs, API keys, anything else.
    case native(identity: String, kind: String, credential: String)

    var format: SourceFormat {
        switch self {
        case .aws: .cloudtrail
        case .k8s: .k8sAudit
        case .vault: .vault
        case .agent: .opa
        case .github: .github
        case .native: .nhitop
        }
    }

    /// The stable identity a parser should derive (role ARN, not the role session).
    var identity: String {
        switch self {
        case .aws(let p): p.identityARN
        case .k8s(let ns, let name, _): "system:serviceaccount:\(ns):\(name)"
        case .vault(let p): p.displayName
        case .agent(let id, _): id
        case .github(let p): p.actor
        case .native(let identity, _, _): identity
        }
    }

    var identityKind: IdentityKind {
        switch self {
        case .aws(let p):
            switch p.type {
            case .iamUser: .awsUser
            case .assumedRole: .awsRole
            case .awsService: .awsService
            }
        case .k8s: .k8sServiceAccount
        case .vault: .vaultToken
        case .agent: .aiAgent
        case .github(let p): p.isBot ? .githubApp : .githubToken
        case .native(_, let kind, _): IdentityKind(label: kind) ?? .unknown
        }
    }
}

struct DemoAWSPrincipal: Sendable {
    enum Kind: String, Sendable { case iamUser = "IAMUser", assumedRole = "AssumedRole", awsService = "AWSService" }
    var type: Kind
    var account: String
    /// User name, role name, or the invoking service (`config.amazonaws.com`).
    var name: String
    var session: String
    var accessKeyId: String
    /// `AIDA…` for users, `AROA…` for roles.
    var uniqueId: String
    var region: String

    var identityARN: String {
        switch type {
        case .iamUser: "arn:aws:iam::\(account):user/\(name)"
        case .assumedRole: "arn:aws:iam::\(account):role/\(name)"
        case .awsService: name
        }
    }

    var callerARN: String {
        switch type {
        case .iamUser: "arn:aws:iam::\(account):user/\(name)"
        case .assumedRole: "arn:aws:sts::\(account):assumed-role/\(name)/\(session)"
        case .awsService: name
        }
    }

    static func user(_ name: String, account: String = DemoCast.account, region: String = "us-east-1") -> DemoAWSPrincipal {
        var r = DemoRandom(seed: DemoRandom.salt("aws-user:" + name))
        return DemoAWSPrincipal(type: .iamUser, account: account, name: name, session: "",
                                accessKeyId: "AKIA" + r.token(16, alphabet: DemoRandom.upperAlnum),
                                uniqueId: "AIDA" + r.token(17, alphabet: DemoRandom.upperAlnum), region: region)
    }

    static func role(_ name: String, session: String, account: String = DemoCast.account,
                     region: String = "us-east-1") -> DemoAWSPrincipal {
        var r = DemoRandom(seed: DemoRandom.salt("aws-role:" + name))
        return DemoAWSPrincipal(type: .assumedRole, account: account, name: name, session: session,
                                accessKeyId: "ASIA" + r.token(16, alphabet: DemoRandom.upperAlnum),
                                uniqueId: "AROA" + r.token(17, alphabet: DemoRandom.upperAlnum), region: region)
    }

    static func service(_ name: String, region: String = "us-east-1") -> DemoAWSPrincipal {
        DemoAWSPrincipal(type: .awsService, account: DemoCast.account, name: name, session: "",
                         accessKeyId: "", uniqueId: "", region: region)
    }
}

struct DemoVaultPrincipal: Sendable {
    var displayName: String
    /// Plain accessor (the demo Vault runs with `hmac_accessor=false`, so revoke can use it).
    var accessor: String
    var clientTokenHMAC: String
    var entityID: String
    var policies: [String]
    var metadata: [(String, String)]

    static func make(_ displayName: String, policies: [String], metadata: [(String, String)]) -> DemoVaultPrincipal {
        var r = DemoRandom(seed: DemoRandom.salt("vault:" + displayName))
        return DemoVaultPrincipal(displayName: displayName, accessor: r.token(24, alphabet: DemoRandom.alnum),
                                  clientTokenHMAC: "hmac-sha256:" + r.hex(64), entityID: r.uuid(),
                                  policies: ["default"] + policies, metadata: metadata)
    }
}

struct DemoGitHubPrincipal: Sendable {
    var actor: String
    var actorID: Int64
    var isBot: Bool
    /// 0 for GitHub App installation tokens.
    var tokenID: Int64
    var hashedToken: String
    var accessType: String
    var userAgent: String

    static func make(_ actor: String, accessType: String, userAgent: String) -> DemoGitHubPrincipal {
        var r = DemoRandom(seed: DemoRandom.salt("github:" + actor))
        let bot = actor.hasSuffix("[bot]")
        return DemoGitHubPrincipal(actor: actor, actorID: r.range64(10_000_000...99_999_999), isBot: bot,
                                   tokenID: bot ? 0 : r.range64(100_000_000...999_999_999),
                                   hashedToken: r.base64(bytes: 32), accessType: accessType, userAgent: userAgent)
    }
}

/// What was done, in the vocabulary of the principal's log.
enum DemoOp: Sendable {
    /// CloudTrail: `eventSource` (`s3.amazonaws.com`), `eventName`, request parameters.
    case aws(source: String, name: String, params: [(String, String)])
    /// Kubernetes: verb on `apiGroup/resource[/subresource]` in `namespace` (empty = cluster scope).
    case k8s(verb: String, group: String, resource: String, subresource: String, namespace: String, name: String)
    /// Vault: operation on a path.
    case vault(operation: String, path: String)
    /// OPA-guarded agent tool call.
    case tool(name: String, resource: String)
    /// GitHub audit action on a repo; for `api.request` a method and path.
    case github(action: String, repo: String, method: String, path: String)
    /// nhitop native action on a resource.
    case native(action: String, resource: String)
}

enum DemoOutcome: Sendable { case allow, deny, error }

/// One action to render: who, what, how it ended, from where.
struct DemoEvent: Sendable {
    var principal: DemoPrincipal
    var op: DemoOp
    var outcome: DemoOutcome
    var sourceIP: String
    var userAgent: String
}

/// A rendered line and the event time a parser will read from it.
struct DemoRecord: Sendable {
    var time: Int64
    var seq: UInt64
    var bytes: [UInt8]
}

enum DemoTimeFormat {
    /// The precision each format logs: records are scheduled on that grid, so the time a
    /// parser reads back is exactly the time the record was ordered by.
    static func quantum(_ format: SourceFormat) -> Int64 {
        switch format {
        case .cloudtrail: 1_000_000
        case .github: 1_000
        default: 1
        }
    }

    static func quantize(_ micros: Int64, _ format: SourceFormat) -> Int64 {
        let q = quantum(format)
        return EventTime(microseconds: micros).microseconds.floorDivided(by: q) * q
    }

    /// `2026-11-29T14:32:40Z`.
    static func seconds(_ micros: Int64) -> String { EventTime(microseconds: micros).iso8601 }
    /// `2026-11-29T14:32:40.123456Z`.
    static func micros(_ micros: Int64) -> String { EventTime(microseconds: micros).iso8601Micros }
    /// `2026-11-29T14:32:40.123456789Z`: microseconds plus three nanosecond digits.
    static func nanos(_ micros: Int64, extra: Int) -> String {
        var s = EventTime(microseconds: micros).iso8601Micros
        s.removeLast()
        let ns = String(extra % 1000)
        return s + String(repeating: "0", count: 3 - ns.count) + ns + "Z"
    }
    /// Epoch milliseconds (GitHub `@timestamp`).
    static func millis(_ micros: Int64) -> Int64 { micros.floorDivided(by: 1000) }
}

extension Int64 {
    func floorDivided(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
