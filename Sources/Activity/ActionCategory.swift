/// Coarse categories of actions that matter to a first, simple risk measure. The
/// Activity issue replaces this with baselines and per-signal scoring; the categories
/// stay useful as the vocabulary of "what kind of thing did it do".
public struct ActionCategory: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Reading secrets: Secrets Manager, SSM parameters, k8s secrets, Vault `secret/` paths.
    public static let secretAccess = ActionCategory(rawValue: 1 << 0)
    /// Creating credentials: access keys, login profiles, SA tokens, PATs, deploy keys.
    public static let credentialMint = ActionCategory(rawValue: 1 << 1)
    /// Changing privileges: policy attach/put, (cluster)role bindings, roles.
    public static let privilegeChange = ActionCategory(rawValue: 1 << 2)
    /// A person at the keyboard of an NHI: exec/attach into pods, console login.
    public static let humanUse = ActionCategory(rawValue: 1 << 3)
    /// "Who am I": GetCallerIdentity, self-subject reviews.
    public static let recon = ActionCategory(rawValue: 1 << 4)
    /// Switching logging or detection off.
    public static let defenseEvasion = ActionCategory(rawValue: 1 << 5)


    /// Classifies an action string. Called once per distinct action (the aggregator caches it).
    public static func classify(action: String) -> ActionCategory {
        let a = action.lowercased()
        var c: ActionCategory = []
        func has(_ s: String) -> Bool { a.contains(s) }
        // AWS ListSecrets/DescribeSecret return names and metadata, not secret values.
        if (has("secret") && !has("listsecrets") && !has("describesecret")) || has("getparameter") {
            c.insert(.secretAccess)
        }
        if has("createaccesskey") || has("createloginprofile") || has("serviceaccounts/token")
            || has("personal_access_token") || has("deploy_key.create") || has("getfederationtoken")
            || has("create token") || has("auth/token/create") { c.insert(.credentialMint) }
        // Reading bindings is not changing them: Kubernetes RBAC counts only for write verbs.
        let k8sWrite = a.hasPrefix("create ") || a.hasPrefix("update ") || a.hasPrefix("patch ") || a.hasPrefix("delete ")
        if has("attachuserpolicy") || has("attachrolepolicy") || has("putuserpolicy") || has("putrolepolicy")
            || has("createpolicyversion") || (k8sWrite && (has("rolebindings") || has(" clusterroles") || has(" roles")))
            || has("addusertogroup") { c.insert(.privilegeChange) }
        if has("pods/exec") || has("pods/attach") || has("pods/portforward") || has("consolelogin")
            || has("ephemeralcontainers") { c.insert(.humanUse) }
        if has("getcalleridentity") || has("selfsubjectaccessreviews") || has("selfsubjectrulesreviews")
            || has("getaccountsummary") { c.insert(.recon) }
        if has("stoplogging") || has("deletetrail") || has("deletedetector") || has("updatedetector")
            || has("delete events") || has("deleteflowlogs") { c.insert(.defenseEvasion) }
        return c
    }
}
