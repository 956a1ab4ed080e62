import Events
extension DemoRender {
    /// An OPA decision-log entry (console logger shape) from the agent tool gateway.
    static func opa(agent: String, onBehalfOf: String, tool: String, resource: String,
                    event: DemoEvent, time: Int64, rng: inout DemoRandom) -> [UInt8] {
        JSONWriter.line { w in
            w.field("decision_id", rng.uuid())
            w.object("labels") { l in
                l.field("id", "7c1e2a64-0b6f-4d8e-9a51-3f2d8c4b1e07")
                l.field("version", "1.4.2")
            }
            w.field("path", "agents/tools/allow")
            w.object("input") { i in
                i.field("subject", agent)
                i.field("action", "tool")
                i.field("tool", tool)
                i.field("resource", resource)
                i.field("on_behalf_of", onBehalfOf)
                i.field("session", "sess_" + rng.token(12, alphabet: DemoRandom.alnum))
                i.field("source_ip", event.sourceIP)
                i.field("gateway", "mcp-gateway")
            }
            w.object("result") { r in
                r.field("allow", event.outcome == .allow)
                switch event.outcome {
                case .allow: r.field("reason", "tool in agent allowlist")
                case .deny: r.field("reason", "tool \(tool) not in allowlist for \(agent)")
                case .error: r.field("reason", "rate limit exceeded")
                }
            }
            w.object("bundles") { b in b.object("agents") { a in a.field("revision", "agents-2026.11.3") } }
            w.field("requested_by", event.sourceIP + ":" + String(rng.range(30_000...60_999)))
            w.field("timestamp", DemoTimeFormat.nanos(time, extra: rng.below(1000)))
            w.field("level", "info")
            w.field("msg", "Decision Log")
        }
    }
}
