import Events

/// The kind of an identity from its name alone, for `nhitop revoke` without --kind: the
/// shapes the formats produce (formats notes), so hooks scoped by kind still match.
enum IdentityKindGuess {
    static func kind(of identity: String) -> IdentityKind {
        if identity.hasPrefix("arn:aws:iam::") {
            if identity.contains(":user/") { return .awsUser }
            if identity.contains(":role/") { return .awsRole }
            if identity.hasSuffix(":root") { return .awsRoot }
        }
        if identity.hasPrefix("arn:aws:sts::"), identity.contains(":assumed-role/") { return .awsRole }
        if identity.hasPrefix("system:serviceaccount:") { return .k8sServiceAccount }
        if identity.hasPrefix("system:node:") { return .k8sNode }
        if identity.hasPrefix("agent:") { return .aiAgent }
        if identity.hasPrefix("apikey:") { return .apiKey }
        return .unknown
    }
}
