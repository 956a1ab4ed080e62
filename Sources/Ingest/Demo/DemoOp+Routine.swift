extension DemoOp {
    /// The op with every `{n}` in its strings replaced by `n`, so a routine touches
    /// many objects (keys, tickets, pods) rather than one.
    func filled(_ n: String) -> DemoOp {
        func f(_ s: String) -> String { s.contains("{n}") ? s.replacing("{n}", with: n) : s }
        switch self {
        case .aws(let source, let name, let params):
            return .aws(source: source, name: name, params: params.map { ($0.0, f($0.1)) })
        case .k8s(let verb, let group, let resource, let sub, let ns, let name):
            return .k8s(verb: verb, group: group, resource: resource, subresource: sub, namespace: ns, name: f(name))
        case .vault(let operation, let path):
            return .vault(operation: operation, path: f(path))
        case .tool(let name, let resource):
            return .tool(name: name, resource: f(resource))
        case .github(let action, let repo, let method, let path):
            return .github(action: action, repo: repo, method: method, path: f(path))
        case .native(let action, let resource):
            return .native(action: action, resource: f(resource))
        }
    }

    /// Whether a background action of this kind can plausibly end in `outcome` in its log
    /// (a `git.clone` has no denial record; Vault's benign failures are lease renewals).
    func canEnd(in outcome: DemoOutcome) -> Bool {
        switch (self, outcome) {
        case (_, .allow): true
        case (.github(let action, _, _, _), _): action == "api.request"
        case (.vault(_, let path), .error): path.contains("leases")
        case (.tool, .error): false
        default: true
        }
    }
}
