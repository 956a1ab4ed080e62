/// The stage of an attack a signal speaks to. The attack-chain floor counts distinct
/// classes firing together: recon, novelty, access, persistence and misuse.
public enum SignalClass: UInt8, CaseIterable, Hashable, Sendable {
    case recon, novelty, access, persistence, misuse
    /// Markers (used after revoke) stand outside the chain: they are proof, not a stage.
    case marker

    public var name: String {
        switch self {
        case .recon: "recon"
        case .novelty: "novelty"
        case .access: "access"
        case .persistence: "persistence"
        case .misuse: "misuse"
        case .marker: "marker"
        }
    }
}

/// The runtime risk signals nhitop computes from the stream (risk-and-response notes §2;
/// the S-numbers are the notes'). Weights and half-lives are defaults; `RiskConfig` overrides them.
public enum Signal: UInt8, CaseIterable, Hashable, Sendable {
    /// S1: a credential used from a network it was never seen on.
    case newNetwork
    /// S5: an action this identity has never done.
    case firstAction
    /// S6: "who am I" (GetCallerIdentity, self-subject reviews).
    case whoami
    /// S7: many distinct list/describe/get actions in a short burst.
    case enumeration
    /// S8: denies far above what the identity usually gets.
    case denySpike
    /// S9: secrets outside its usual set, or many at once.
    case secretAccess
    /// S10: minting credentials (access keys, tokens, PATs).
    case credentialMint
    /// S11: changing privileges (policy attach, cluster-admin binding, wildcard role).
    case privilegeChange
    /// S12: a person at the keyboard of an NHI (exec/attach into pods, console login).
    case humanUse
    /// S13: logging or detection switched off.
    case defenseEvasion
    /// S14: an identity silent for a long time acting again.
    case dormantWake
    /// S16: volume far above its own baseline.
    case volumeAnomaly
    /// S17: an AI agent calling a tool outside its usual set, or being denied.
    case agentTool
    /// S19: any allowed action after the identity or credential was revoked.
    case usedAfterRevoke
    /// A known technique: a built-in catalogue entry or a Sigma rule matched the raw record.
    /// Its points come from the rule's level (scaled by this signal's weight / 100) and its
    /// stage in the attack chain from the rule's ATT&CK tactic (`Contribution.stage`).
    case rule

    /// Stable snake_case name, used in JSON, alerts and the config file.
    public var name: String {
        switch self {
        case .newNetwork: "new_network"
        case .firstAction: "first_action"
        case .whoami: "whoami"
        case .enumeration: "enumeration"
        case .denySpike: "deny_spike"
        case .secretAccess: "secret_access"
        case .credentialMint: "credential_mint"
        case .privilegeChange: "privilege_change"
        case .humanUse: "human_use"
        case .defenseEvasion: "defense_evasion"
        case .dormantWake: "dormant_wake"
        case .volumeAnomaly: "volume_anomaly"
        case .agentTool: "agent_tool"
        case .usedAfterRevoke: "used_after_revoke"
        case .rule: "rule"
        }
    }

    public init?(name: String) {
        guard let s = Signal.allCases.first(where: { $0.name == name }) else { return nil }
        self = s
    }

    public var signalClass: SignalClass {
        switch self {
        case .whoami, .enumeration, .denySpike: .recon
        case .newNetwork, .firstAction, .dormantWake, .volumeAnomaly: .novelty
        case .secretAccess: .access
        case .credentialMint, .privilegeChange, .defenseEvasion: .persistence
        case .humanUse, .agentTool: .misuse
        case .usedAfterRevoke: .marker
        case .rule: .misuse  // a rule without a tactic; see `Contribution.stage`
        }
    }

    /// Default points (w·c before the count bonus) and half-life in hours.
    public var defaultWeight: Double {
        switch self {
        case .newNetwork: 25
        case .firstAction: 15
        case .whoami: 35
        case .enumeration: 40
        case .denySpike: 30
        case .secretAccess: 55
        case .credentialMint: 50
        case .privilegeChange: 60
        case .humanUse: 40
        case .defenseEvasion: 80
        case .dormantWake: 35
        case .volumeAnomaly: 30
        case .agentTool: 45
        case .usedAfterRevoke: 100
        case .rule: 100  // a percentage of each rule's level points
        }
    }

    public var defaultHalfLifeHours: Double {
        switch self {
        case .newNetwork: 12
        case .firstAction: 6
        case .whoami: 6
        case .enumeration: 2
        case .denySpike: 2
        case .secretAccess: 24
        case .credentialMint: 72
        case .privilegeChange: 72
        case .humanUse: 12
        case .defenseEvasion: 72
        case .dormantWake: 24
        case .volumeAnomaly: 1
        case .agentTool: 6
        case .usedAfterRevoke: 0  // frozen until acknowledged
        case .rule: 48
        }
    }
}
