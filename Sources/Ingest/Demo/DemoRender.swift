import Events
/// Turns one `DemoEvent` into the raw line(s) its real log would hold. Each format's
/// shape lives in its own `DemoRender+<Format>.swift`.
enum DemoRender {
    /// The lines for `event` happening at `time` (µs), each with the time a parser will
    /// read from it (never earlier than `time`).
    static func lines(_ event: DemoEvent, at time: Int64, rng: inout DemoRandom) -> [(Int64, [UInt8])] {
        switch (event.principal, event.op) {
        case (.aws(let p), .aws(let source, let name, let params)):
            return [(time, cloudTrail(p, source: source, name: name, params: params, event: event, time: time, rng: &rng))]
        case (.k8s(let ns, let sa, let uid), .k8s(let verb, let group, let resource, let sub, let objNS, let objName)):
            return kubernetes(namespace: ns, sa: sa, uid: uid, verb: verb, group: group, resource: resource,
                              subresource: sub, objectNamespace: objNS, objectName: objName,
                              event: event, time: time, rng: &rng)
        case (.vault(let p), .vault(let operation, let path)):
            return vault(p, operation: operation, path: path, event: event, time: time, rng: &rng)
        case (.agent(let id, let onBehalfOf), .tool(let tool, let resource)):
            return [(time, opa(agent: id, onBehalfOf: onBehalfOf, tool: tool, resource: resource,
                               event: event, time: time, rng: &rng))]
        case (.github(let p), .github(let action, let repo, let method, let path)):
            return [(time, github(p, action: action, repo: repo, method: method, path: path,
                                  event: event, time: time, rng: &rng))]
        case (.native(let identity, let kind, let credential), .native(let action, let resource)):
            return [(time, native(identity: identity, kind: kind, credential: credential, action: action,
                                  resource: resource, event: event, time: time))]
        default:
            preconditionFailure("demo cast pairs a principal with an op of another format")
        }
    }

    /// nhitop's own JSONL shape.
    static func native(identity: String, kind: String, credential: String, action: String, resource: String,
                       event: DemoEvent, time: Int64) -> [UInt8] {
        JSONWriter.line { w in
            w.field("ts", DemoTimeFormat.micros(time))
            w.field("identity", identity)
            w.field("kind", kind)
            w.field("action", action)
            w.field("resource", resource)
            w.field("decision", event.outcome == .allow ? "allow" : event.outcome == .deny ? "deny" : "error")
            w.field("source_ip", event.sourceIP)
            w.field("credential", credential)
        }
    }
}
