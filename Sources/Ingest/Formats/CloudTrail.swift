import Events

extension FormatMapper {
    /// AWS CloudTrail: one record, one event.
    func cloudTrail(_ t: JSONTape, _ r: Int, _ origin: EventOrigin) -> MapResult {
        guard let time = FormatMapper.time(t, t.value(r, "eventTime") ?? t.value(r, "@timestamp")) else { return .malformed }
        let ui = t.value(r, "userIdentity").flatMap { t.kind($0) == .object ? $0 : nil }

        var identity = ""
        var actor = ""
        var kind = IdentityKind.unknown
        if let ui {
            let type = t.value(ui, "type")
            // The session ARN's text is made only when it is the identity.
            let arn = t.nonEmptyString(t.value(ui, "arn"))
            if t.stringEquals(type, "AssumedRole") {
                kind = .awsRole
                if let arn { actor = FormatMapper.sessionName(t, arn) }
                if let role = t.nonEmptyText(t.find(ui, "sessionContext", "sessionIssuer", "arn")) {
                    identity = role
                } else if let arn {
                    let text = t.string(arn)
                    identity = FormatMapper.roleARN(fromSessionARN: text) ?? text
                }
            } else if t.stringEquals(type, "AWSService") {
                kind = .awsService
                identity = t.nonEmptyText(t.value(ui, "invokedBy")) ?? ""
            } else {
                if t.stringEquals(type, "IAMUser") || t.stringEquals(type, "FederatedUser") { kind = .awsUser }
                else if t.stringEquals(type, "Root") { kind = .awsRoot }
                else if t.stringEquals(type, "WebIdentityUser") { kind = .workload }
                else if t.stringEquals(type, "SAMLUser") || t.stringEquals(type, "IdentityCenterUser") { kind = .human }
            }
            if identity.isEmpty {
                identity = arn.map { t.string($0) } ?? t.nonEmptyText(t.value(ui, "principalId"))
                    ?? t.nonEmptyText(t.value(ui, "userName")) ?? ""
            }
        }
        if identity.isEmpty { identity = t.nonEmptyText(t.value(r, "principalId")) ?? noIdentity(.cloudtrail) }

        // Action in IAM form: the service prefix of eventSource, then the event name.
        let action: String
        let source = t.nonEmptyString(t.value(r, "eventSource"))
        let name = t.nonEmptyString(t.value(r, "eventName"))
        // The service prefix's length in bytes (0 without an eventSource); nil: take the `String` path.
        let service = source.map { t.asciiDelimiter($0, 0x2E).prefixLength } ?? .some(0)
        if let service {
            action = t.makeText(capacity: service + 1 + t.textCapacity(name)) { w in
                if let source { w.text(source, 0..<service) }
                w.byte(0x3A)
                if let name { w.text(name) }
            }
        } else {
            var text = ""
            if let source = source.map({ t.string($0) }) {
                text = source.firstIndex(of: ".").map { String(source[..<$0]) } ?? source
            }
            text += ":"
            text += name.map { t.string($0) } ?? ""
            action = text
        }

        var resource = ""
        if let resources = t.value(r, "resources"), let first = t.first(resources), t.kind(first) == .object {
            resource = t.nonEmptyText(t.value(first, "ARN")) ?? t.nonEmptyText(t.value(first, "arn")) ?? ""
        }
        if resource.isEmpty, let params = t.value(r, "requestParameters"), t.kind(params) == .object {
            resource = FormatMapper.requestParameterResource(t, params)
        }

        var decision = Decision.allow
        if let code = t.value(r, "errorCode"), t.kind(code) == .string, !t.isEmptyString(code) {
            if t.stringEquals(code, "AccessDenied") || t.stringEquals(code, "AccessDeniedException")
                || t.hasSuffix(code, "UnauthorizedOperation") || t.stringEquals(code, "UnauthorizedAccess") {
                decision = .deny
            } else {
                decision = .error
            }
        } else if t.stringEquals(t.find(r, "responseElements", "ConsoleLogin"), "Failure") {
            decision = .deny
        }

        let credential = ui.flatMap { t.nonEmptyText(t.value($0, "accessKeyId")) } ?? ""
        return .event(NormalizedEvent(
            time: time, identity: identity, identityKind: kind, action: action, resource: resource,
            decision: decision, sourceIP: t.scalarText(t.value(r, "sourceIPAddress")) ?? "",
            credentialID: credential, format: .cloudtrail, origin: origin, actor: actor))
    }

    /// The session name: what follows the last `/` of an assumed-role ARN (string token `arn`);
    /// "" without one.
    static func sessionName(_ t: JSONTape, _ arn: Int) -> String {
        switch t.asciiDelimiter(arn, 0x2F, last: true) {
        case .absent: return ""
        case .at(let slash, let length):
            return t.makeText(capacity: length - slash - 1) { $0.text(arn, (slash + 1)..<length) }
        case .unsure:
            let text = t.string(arn)
            guard let slash = text.lastIndex(of: "/") else { return "" }
            return String(text[text.index(after: slash)...])
        }
    }

    /// `arn:aws:sts::123:assumed-role/Role/session` → `arn:aws:iam::123:role/Role`.
    static func roleARN(fromSessionARN arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[2] == "sts", parts[5].hasPrefix("assumed-role/") else { return nil }
        let path = parts[5].dropFirst("assumed-role/".count)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return "\(parts[0]):\(parts[1]):iam::\(parts[4]):role/\(path[..<slash])"
    }

    /// The first useful name among the request parameters.
    static func requestParameterResource(_ t: JSONTape, _ params: Int) -> String {
        let keys: [StaticString] = [
            "bucketName", "userName", "roleName", "roleArn", "secretId", "policyArn", "name",
            "functionName", "groupName", "keyId", "modelId", "instanceId", "tableName",
            "repositoryName", "clusterName", "accessKeyId",
        ]
        for k in keys {
            if let v = t.scalarText(t.value(params, k)) { return v }
        }
        return ""
    }
}
