import Events
extension DemoRender {
    /// A GitHub enterprise audit-log stream event (`@timestamp` in epoch milliseconds).
    /// A denial is an `api.request` with `status_code` 403.
    static func github(_ p: DemoGitHubPrincipal, action: String, repo: String, method: String, path: String,
                       event: DemoEvent, time: Int64, rng: inout DemoRandom) -> [UInt8] {
        let ms = DemoTimeFormat.millis(time)
        return JSONWriter.line { w in
            w.field("@timestamp", ms)
            w.field("_document_id", rng.token(22, alphabet: DemoRandom.alnum))
            w.field("action", action)
            w.field("actor", p.actor)
            w.field("actor_id", p.actorID)
            w.field("actor_is_bot", p.isBot)
            w.field("actor_ip", event.sourceIP)
            w.object("actor_location") { l in
                l.field("country_code", event.sourceIP.hasPrefix("203.0.113.") || event.sourceIP.hasPrefix("198.51.100.") ? "NL" : "US")
            }
            w.field("business", "acme")
            w.field("created_at", ms)
            w.field("org", "acme")
            w.field("org_id", 4_210_337)
            if !repo.isEmpty {
                w.field("repo", repo)
                w.field("repository", repo)
                w.field("repository_public", false)
            }
            w.field("token_id", p.tokenID)
            w.field("hashed_token", p.hashedToken)
            w.field("programmatic_access_type", p.accessType)
            w.field("user_agent", event.userAgent)
            w.field("request_id", rng.hex(8).uppercased() + ":" + rng.hex(6).uppercased())
            switch action {
            case "api.request":
                w.field("operation_type", "access")
                w.field("request_method", method)
                w.field("url_path", path)
                w.field("route", path)
                w.field("status_code", event.outcome == .allow ? 200 : event.outcome == .deny ? 403 : 404)
            case let a where a.hasPrefix("git."):
                w.field("operation_type", "access")
                w.field("transport_protocol_name", "http")
                w.field("transport_protocol", 1)
            case "personal_access_token.request_created":
                w.field("operation_type", "create")
                w.field("user", p.actor)
                w.object("permissions") { x in
                    x.field("contents", "write")
                    x.field("metadata", "read")
                    x.field("secrets", "write")
                }
            case "pull_request.create":
                w.field("operation_type", "create")
                w.field("pull_request_id", rng.range64(1_000_000_000...1_999_999_999))
                w.field("pull_request_title", path)
            default:
                w.field("operation_type", "access")
            }
        }
    }
}
