import Crypto
import Events

/// Builds what the revoke dialog and `nhitop revoke` show before anything runs, and the
/// exact argv when the operator confirms. Pure: the same target and config give the same plan.
public enum RevokePlanner {
    /// Shown in place of `$REASON` until the operator has written one.
    public static let reasonPlaceholder = "<reason>"
    public static let actionPlaceholder = "<action-id>"

    public static func plan(target: RevokeTarget, config: ResponseConfig, operatorInfo: OperatorInfo = OperatorInfo(user: ""),
                            previous: LedgerEntry?) -> RevokePlan {
        let matching = config.hooks(for: target.kind)
        var steps: [PlanStep] = matching.map { hook in
            let grace = hook.graceSeconds ?? config.graceSeconds
            var step = PlanStep(name: hook.name, description: hook.description.isEmpty ? hook.name : hook.description,
                                kind: .hook, reversible: hook.reversible, dangerous: hook.dangerous,
                                survivors: hook.survivors, timeoutSeconds: hook.timeoutSeconds,
                                graceSeconds: grace, hook: hook)
            do {
                step.shownArgv = try argv(hook.run, target: target, reason: reasonPlaceholder, operatorInfo: operatorInfo,
                                          actionID: actionPlaceholder, dryRun: false).shown
            } catch {
                step.problem = "\(error)"
                step.shownArgv = [hook.run.command] + hook.run.args
            }
            return step
        }
        steps.append(PlanStep(
            name: "denylist",
            description: "add to nhitop's OPA deny-list: the next policy decision for it is denied",
            kind: .denylist, reversible: true,
            survivors: ["systems that do not ask OPA (or cache its decisions) are not affected"],
            timeoutSeconds: 5, graceSeconds: config.graceSeconds))
        steps.append(PlanStep(
            name: "manual",
            description: "record a revoke done by other means (console, ticket); nothing runs",
            kind: .manual, reversible: true,
            survivors: ["nhitop runs nothing: the record is only as good as what was done by hand"],
            timeoutSeconds: 0, graceSeconds: config.graceSeconds))
        return RevokePlan(target: target, steps: steps, noMatchingHook: matching.isEmpty, previous: previous,
                          suggestedReason: suggestedReason(target))
    }

    /// The reason prefilled in the dialog: the top risk reasons, joined.
    static func suggestedReason(_ target: RevokeTarget) -> String {
        let top = target.reasons.prefix(2).joined(separator: "; ")
        return String(top.prefix(200))
    }

    /// Variables a hook may use, for this target (risk-and-response notes §5).
    public static func variables(target: RevokeTarget, reason: String, operatorInfo: OperatorInfo, actionID: String,
                                 dryRun: Bool) -> [HookVariable: String] {
        let parts = IdentityName.parse(target.identity)
        return [
            .IDENTITY_ID: target.identity,
            .IDENTITY_NAME: parts.name,
            .IDENTITY_KIND: target.kind.label,
            .CREDENTIAL_ID: target.credential,
            .NAMESPACE: parts.namespace,
            .ACCOUNT: parts.account,
            .REASON: reason,
            .OPERATOR: operatorInfo.name,
            .ACTION_ID: actionID,
            .TTL: "24h",
            .DRY_RUN: dryRun ? "1" : "0",
        ]
    }

    /// The argv to exec and the argv to show and record (secrets redacted).
    public static func argv(_ template: HookTemplate, target: RevokeTarget, reason: String, operatorInfo: OperatorInfo,
                            actionID: String, dryRun: Bool) throws(HookArgvError) -> (run: [String], shown: [String]) {
        let vars = variables(target: target, reason: reason, operatorInfo: operatorInfo, actionID: actionID, dryRun: dryRun)
        let run = try HookArgv.expand(template, variables: vars)
        return (run, HookArgv.redacted(run, secrets: secrets(in: target)))
    }

    /// Values that must never reach the screen or the ledger: credentials that are bearer
    /// secrets themselves (a GitHub or Vault token, a JWT), as opposed to an id naming one
    /// (an AWS access key id, a Vault accessor).
    public static func secrets(in target: RevokeTarget) -> [String] {
        target.credentials.filter(looksSecret)
    }

    static let secretPrefixes = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "hvs.", "hvb.", "hvr.",
                                 "eyJ", "xoxb-", "xoxp-", "sk-", "glpat-"]

    /// A credential as the ledger and the screen keep it: a bearer secret becomes `***` and
    /// the start of its SHA-256, so rows about the same token can still be matched.
    public static func shownCredential(_ value: String) -> String {
        guard looksSecret(value) else { return value }
        let hex = Array("0123456789abcdef")
        var out = "***"
        for byte in SHA256.hash(data: Array(value.utf8)).prefix(4) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xf)])
        }
        return out
    }

    public static func looksSecret(_ value: String) -> Bool {
        if secretPrefixes.contains(where: { value.hasPrefix($0) }) { return true }
        // Legacy Vault service tokens: "s." followed by 24 characters.
        return value.hasPrefix("s.") && value.count == 26
    }

    /// Undo acts on what the revoke acted on: the kind and credential in its ledger row, not
    /// the credential in use now (a user who moved to a second key must not get that one
    /// re-enabled while the revoked one stays off). A bearer secret is kept redacted in the
    /// ledger, so a hook that needs it cannot be undone from here: `$CREDENTIAL_ID` is empty
    /// and the undo plan says so.
    public static func undoTarget(for revoke: LedgerEntry, seen: RevokeTarget) -> RevokeTarget {
        var t = seen
        t.identity = revoke.identity
        t.kind = IdentityKind(label: revoke.identityKind) ?? seen.kind
        t.credentials = revoke.credential.isEmpty || revoke.credential.hasPrefix("***") ? [] : [revoke.credential]
        return t
    }

    /// What undoing this revoke would run, from the hook as configured now.
    public static func undoPlan(for revoke: LedgerEntry, target: RevokeTarget, config: ResponseConfig,
                                operatorInfo: OperatorInfo = OperatorInfo(user: "")) -> UndoPlan {
        switch revoke.hook {
        case "denylist":
            return UndoPlan(revoke: revoke, hook: nil, shownArgv: ["(remove \(revoke.identity) from the deny-list)"], problem: nil)
        case "manual":
            return UndoPlan(revoke: revoke, hook: nil, shownArgv: ["(record that the manual revoke was reversed)"], problem: nil)
        default:
            guard let hook = config.hook(named: revoke.hook) else {
                return UndoPlan(revoke: revoke, hook: nil, shownArgv: [],
                                problem: "hook \(revoke.hook) is no longer in the config; undo it by hand")
            }
            guard hook.definitionHash == revoke.hookHash || revoke.hookHash.isEmpty else {
                return UndoPlan(revoke: revoke, hook: hook, shownArgv: [],
                                problem: "hook \(hook.name) changed since the revoke; undo it by hand")
            }
            guard let undo = hook.undo else {
                return UndoPlan(revoke: revoke, hook: hook, shownArgv: [],
                                problem: "\(hook.name) has no undo: it cannot be reversed")
            }
            do {
                let shown = try argv(undo, target: target, reason: reasonPlaceholder, operatorInfo: operatorInfo,
                                     actionID: actionPlaceholder, dryRun: false).shown
                return UndoPlan(revoke: revoke, hook: hook, shownArgv: shown, problem: nil)
            } catch {
                return UndoPlan(revoke: revoke, hook: hook, shownArgv: [undo.command] + undo.args, problem: "\(error)")
            }
        }
    }
}
