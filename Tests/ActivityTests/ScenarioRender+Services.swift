import Events

/// Vault audit responses, OPA decision logs, GitHub audit-log events and nhitop's own lines.
extension ScenarioRender {
    /// A Vault file-audit response entry: the outcome and the token's auth block (for a login,
    /// the auth of the token it issued). Secret values in `response.data` are HMAC'd, as Vault writes them.
    func vault(_ e: NormalizedEvent, _ rng: inout SplitMix64) -> RawJSON {
        let operation = String(e.action.prefix(while: { $0 != " " }))
        let path = e.resource
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let mount = path.hasPrefix("auth/") ? segments.prefix(2).joined(separator: "/") + "/" : String(segments[0]) + "/"
        let mountType: String
        switch mount {
        case "secret/": mountType = "kv"
        case "transit/": mountType = "transit"
        case "database/": mountType = "database"
        case "pki_int/": mountType = "pki"
        case "sys/": mountType = "system"
        case "auth/token/": mountType = "token"
        case "auth/approle/": mountType = "approle"
        default: mountType = "kv"
        }
        var ids = RenderText.stable(e.identity)
        let clientToken = "hmac-sha256:" + ids.idHex(64)
        let entity = ids.idUUID()
        let roleName = e.identity.split(separator: "-", maxSplits: 1).last.map(String.init) ?? e.identity
        let metadata: RawJSON = e.identity.hasPrefix("kubernetes-")
            ? .o([("role", .s(roleName)), ("service_account_name", .s(roleName)), ("service_account_namespace", .s(roleName.split(separator: "-").first.map(String.init) ?? "default"))])
            : e.identity.hasPrefix("approle-") ? .o([("role_name", .s(roleName))]) : .o([])
        let policies = RawJSON.a([.s("default"), .s(roleName)])
        let auth = RawJSON.o([
            ("client_token", .s(clientToken)), ("accessor", .s(e.credentialID)), ("display_name", .s(e.identity)),
            ("policies", policies), ("token_policies", policies), ("metadata", metadata), ("entity_id", .s(entity)),
            ("token_type", .s("service")), ("token_ttl", .n(3600)),
            ("token_issue_time", .s(EventTime(seconds: e.time.seconds / 3600 * 3600).iso8601)),
        ])
        let mountAccessor = "\(mountType)_\(String(RenderText.seed(mount) & 0xFFFF_FFFF, radix: 16))"
        let login = path == "auth/approle/login"
        var request: [(String, RawJSON)] = [
            ("id", .s(rng.idUUID())), ("client_id", .s(entity)), ("operation", .s(operation)), ("mount_point", .s(mount)),
            ("mount_type", .s(mountType)), ("mount_accessor", .s(mountAccessor)), ("mount_running_version", .s("v1.17.6+builtin.vault")),
        ]
        if !login { request += [("client_token", .s(clientToken)), ("client_token_accessor", .s(e.credentialID))] }
        request += [("namespace", .o([("id", .s("root"))])), ("path", .s(path)), ("remote_address", .s(e.sourceIP)),
                    ("remote_port", .n(Int64(30_000 + rng.below(30_000))))]
        if login { request.append(("data", .o([("role_id", .s("hmac-sha256:" + rng.idHex(64))), ("secret_id", .s("hmac-sha256:" + rng.idHex(64)))]))) }

        var fields: [(String, RawJSON)] = [("time", .s(RenderText.nanos(e.time, &rng))), ("type", .s("response")), ("auth", auth),
                                        ("request", .o(request))]
        var response: [(String, RawJSON)] = [("mount_point", .s(mount)), ("mount_type", .s(mountType)),
                                          ("mount_accessor", .s(mountAccessor)), ("mount_running_plugin_version", .s("v1.17.6+builtin.vault"))]
        switch e.decision {
        case .deny:
            fields.append(("response", .o(response)))
            fields.append(("error", .s("1 error occurred:\n\t* permission denied\n\n")))
        case .error:
            fields.append(("response", .o(response)))
            fields.append(("error", .s(path.contains("renew") ? "1 error occurred:\n\t* lease not found or lease is not renewable\n\n"
                                       : "1 error occurred:\n\t* context deadline exceeded\n\n")))
        default:
            let h = { (r: inout SplitMix64) in RawJSON.s("hmac-sha256:" + r.idHex(64)) }
            if login || path.hasSuffix("renew-self") {
                response.append(("auth", .o([("client_token", .s(clientToken)), ("accessor", .s(e.credentialID)),
                                             ("display_name", .s(e.identity)), ("policies", policies), ("token_policies", policies),
                                             ("metadata", metadata), ("entity_id", .s(entity)), ("lease_duration", .n(3600)),
                                             ("renewable", .b(true)), ("token_type", .s("service"))])))
            } else if path.hasPrefix("transit/encrypt/") {
                response.append(("data", .o([("ciphertext", h(&rng)), ("key_version", .n(3))])))
            } else if path.hasPrefix("transit/decrypt/") {
                response.append(("data", .o([("plaintext", h(&rng))])))
            } else if path.hasPrefix("database/creds/") {
                response += [("lease_id", .s("\(path)/\(rng.idBase32(24))")), ("lease_duration", .n(3600)), ("renewable", .b(true)),
                             ("data", .o([("username", h(&rng)), ("password", h(&rng))]))]
            } else if path.hasPrefix("pki_int/issue/") {
                response.append(("data", .o([("certificate", h(&rng)), ("issuing_ca", h(&rng)), ("private_key", h(&rng)),
                                             ("private_key_type", .s("ec")), ("serial_number", .s((0..<16).map { _ in rng.idHex(2) }.joined(separator: ":")))])))
            } else if path == "sys/leases/renew" {
                response += [("lease_id", .s("database/creds/billing-ro/\(rng.idBase32(24))")), ("lease_duration", .n(3600)), ("renewable", .b(true))]
            } else if operation == "list" {
                response.append(("data", .o([("keys", .a((0..<3).map { _ in h(&rng) }))])))
            } else if path.hasPrefix("secret/data/"), operation == "update" {
                response.append(("data", .o([("created_time", .s(e.time.iso8601Micros)), ("version", .n(Int64(2 + rng.below(40))))])))
            } else if path.hasPrefix("secret/data/") {
                response.append(("data", .o([("data", .o([("value", h(&rng))])),
                                             ("metadata", .o([("created_time", .s("2026-10-02T09:14:51.402113Z")), ("version", .n(Int64(1 + rng.below(9)))),
                                                              ("deletion_time", .s("")), ("destroyed", .b(false))]))])))
            } else {
                response.append(("data", .o([("value", h(&rng))])))
            }
            fields.append(("response", .o(response)))
        }
        return .o(fields)
    }
}

// MARK: - OPA

extension ScenarioRender {
    /// An OPA decision log (console logger): agent tool calls as the MCP gateway asks, the
    /// checkout gateway's route decisions, and a service's own HTTP authorization.
    func opa(_ e: NormalizedEvent, _ rng: inout SplitMix64) -> RawJSON {
        let allowed = e.decision == .allow
        var input: [(String, RawJSON)]
        let path: String
        var result: RawJSON
        if let tool = RenderText.after(e.action, "tool:"), e.action.hasPrefix("tool:") {
            path = "agents/tools/allow"
            var session = RenderText.stable(e.identity + String(e.time.seconds / 1800))
            input = [("subject", .s(e.identity)), ("action", .s("tool")), ("tool", .s(tool)), ("resource", .s(e.resource)),
                     ("arguments", Self.toolArguments(tool, e.resource)),
                     ("session", .s("sess_" + session.idBase32(12).lowercased())), ("gateway", .s("mcp-gateway"))]
            result = .o([("allow", .b(allowed)),
                         ("reason", .s(allowed ? "tool in agent allowlist" : "tool \(tool) not in allowlist for \(e.identity)"))])
        } else if e.identity.hasPrefix("spiffe://") {
            // The gateway sends the matched route as the action and the request's path as the resource.
            path = "gateway/authz/allow"
            let method = String(e.action.prefix(while: { $0 != " " }))
            input = [("principal", .s(e.identity)), ("action", .s(e.action)), ("resource", .s(e.resource)), ("method", .s(method)),
                     ("headers", .o([("x-request-id", .s(rng.idUUID())), ("user-agent", .s("envoy/1.31.2"))]))]
            result = .o([("allow", .b(allowed)), ("status_code", .n(allowed ? 200 : 401)),
                         ("reason", .s(allowed ? "" : "token expired"))])
        } else {
            path = "http/reports/authz/allow"
            let space = e.action.firstIndex(of: " ")!
            input = [("subject", .s(e.identity)), ("method", .s(String(e.action[..<space]))),
                     ("path", .s(String(e.action[e.action.index(after: space)...])))]
            result = .b(allowed)
        }
        return .o([
            ("decision_id", .s(rng.idUUID())),
            ("labels", .o([("id", .s("7c1e2a64-0b6f-4d8e-9a51-3f2d8c4b1e07")), ("version", .s("0.68.0"))])),
            ("path", .s(path)), ("input", .o(input)), ("result", result),
            ("bundles", .o([("authz", .o([("revision", .s("authz-2026.11.3"))]))])),
            ("requested_by", .s("\(e.sourceIP):\(30_000 + rng.below(30_000))")),
            ("timestamp", .s(RenderText.nanos(e.time, &rng))), ("level", .s("info")), ("msg", .s("Decision Log")),
        ])
    }
}

extension ScenarioRender {
    /// The arguments an agent passes with its tool call, as the MCP gateway forwards them.
    static func toolArguments(_ tool: String, _ resource: String) -> RawJSON {
        let target = RenderText.last(resource, after: "/")
        switch tool {
        case "payments.refund":
            return .o([("charge", .s(target)), ("amount", .n(4_999)), ("currency", .s("usd")), ("reason", .s("requested_by_customer"))])
        case "payments.list_transactions":
            return .o([("filter", .s(target)), ("limit", .n(1_000))])
        case "customers.export":
            return .o([("segment", .s(RenderText.after(target, "segment:") ?? target)), ("format", .s("csv")),
                       ("fields", .a([.s("email"), .s("name"), .s("billing_address"), .s("card_last4")]))])
        case "payments.update_payout_account":
            return .o([("account", .s(target)), ("bank_account", .o([("iban", .s("NL91ABNA0417164300")), ("holder", .s("Acme Payouts BV"))]))])
        default:
            return .o([("id", .s(target))])
        }
    }
}

// MARK: - GitHub

extension ScenarioRender {
    /// A GitHub enterprise audit-log stream event. Apps act with server-to-server tokens; tokens
    /// are known by id and hash only. A refused call carries status_code 403.
    func github(_ e: NormalizedEvent, _ rng: inout SplitMix64) -> RawJSON {
        let ms = e.time.microseconds / 1000
        let app = e.identityKind == .githubApp
        var ids = RenderText.stable(e.identity)
        var tokenSeed = RenderText.stable(e.credentialID)
        let tokenID = Int64(app ? Int(e.credentialID) ?? tokenSeed.below(900_000) : 100_000_000 + tokenSeed.below(900_000_000))
        var tokenHash = RenderText.stable("hash:" + e.credentialID)
        let accessType = app ? "GitHub App server-to-server token"
            : e.credentialID.hasPrefix("github_pat_") ? "Fine-grained personal access token" : "Personal access token (classic)"
        var fields: [(String, RawJSON)] = [
            ("@timestamp", .n(ms)), ("_document_id", .s(rng.idBase32(22))), ("action", .s(e.action)),
            ("actor", .s(e.identity)), ("actor_id", .n(Int64(1_000_000 + ids.below(90_000_000)))), ("actor_is_bot", .b(app)),
            ("actor_ip", .s(e.sourceIP)), ("actor_location", .o([("country_code", .s("US"))])),
            ("business", .s("acme")), ("business_id", .n(9_021)), ("created_at", .n(ms)), ("org", .s("acme")), ("org_id", .n(4_210_337)),
        ]
        if !e.resource.isEmpty {
            fields += [("repo", .s(e.resource)), ("repository", .s(e.resource)), ("repository_public", .b(false))]
        }
        fields += [
            ("token_id", .n(tokenID)), ("hashed_token", .s(tokenHash.idBase32(43) + "=")),
            ("programmatic_access_type", .s(accessType)),
            ("user_agent", .s(githubUserAgent(e))),
            ("request_id", .s("\(rng.idHex(4).uppercased()):\(rng.idHex(5).uppercased()):\(rng.idHex(7).uppercased()):\(rng.idHex(7).uppercased()):\(rng.idHex(8).uppercased())")),
        ]
        let repoName = RenderText.last(e.resource, after: "/")
        switch e.action {
        case let a where a.hasPrefix("git."):
            fields += [("operation_type", .s("access")), ("transport_protocol_name", .s("http")), ("transport_protocol", .n(1))]
        case "pull_request.create", "pull_request.merge":
            fields += [("operation_type", .s(e.action == "pull_request.create" ? "create" : "modify")),
                       ("pull_request_id", .n(Int64(1_000_000_000 + rng.below(900_000_000)))),
                       ("pull_request_title", .s("Bump \(["golang.org/x/net", "lodash", "github.com/aws/aws-sdk-go-v2", "react"][rng.below(4)]) to the latest version"))]
        case "workflows.prepared_workflow_job", "workflows.completed_workflow_run":
            fields += [("operation_type", .s("modify")), ("workflow_run_id", .n(Int64(11_000_000_000 + rng.below(900_000_000)))),
                       ("job_name", .s("build")), ("runner_group_name", .s("GitHub Actions")), ("runner_name", .s("GitHub Actions \(rng.below(999))"))]
        case "packages.package_version_published":
            fields += [("operation_type", .s("create")), ("package", .s(repoName)), ("version", .s("2026.11.24-\(rng.idHex(7))"))]
        case "release.published":
            fields += [("operation_type", .s("create")), ("release", .s("v2026.11.\(rng.below(90))"))]
        case "repo.create":
            fields += [("operation_type", .s("create")), ("visibility", .s("private"))]
        case "repo.add_member":
            fields += [("operation_type", .s("modify")), ("user", .s("acme-deploy-bot")), ("permission", .s("write"))]
        case "deploy_key.create":
            fields += [("operation_type", .s("create")), ("title", .s("argocd-\(repoName)")), ("read_only", .b(true)),
                       ("fingerprint", .s("SHA256:" + rng.idBase32(43)))]
        case "protected_branch.create":
            fields += [("operation_type", .s("create")), ("name", .s("main"))]
        default:
            fields.append(("operation_type", .s("access")))
        }
        switch e.decision {
        case .deny: fields.append(("status_code", .n(403)))
        case .error: fields.append(("status_code", .n(500)))
        default: break
        }
        return .o(fields)
    }

    func githubUserAgent(_ e: NormalizedEvent) -> String {
        switch e.identity {
        case "dependabot[bot]": "dependabot-core/0.281.0 excon/0.111.0 ruby/3.3.5 (x86_64-linux)"
        case "renovate[bot]": "RenovateBot/38.93.0 (https://github.com/renovatebot/renovate)"
        case "github-actions[bot]": "git/2.46.1"
        case "acme-terraform-cloud": "go-github/v62 terraform-provider-github/6.3.0"
        default: "Octokit.js/4.0.2 node/20.17.0"
        }
    }
}

// MARK: - nhitop's own lines

extension ScenarioRender {
    func native(_ e: NormalizedEvent) -> RawJSON {
        .o([("ts", .s(e.time.iso8601Micros)), ("identity", .s(e.identity)), ("kind", .s(e.identityKind.label)),
            ("action", .s(e.action)), ("resource", .s(e.resource)), ("decision", .s(e.decision.label)),
            ("source_ip", .s(e.sourceIP)), ("credential", .s(e.credentialID))])
    }
}
