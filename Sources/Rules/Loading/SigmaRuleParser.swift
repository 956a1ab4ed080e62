import Events
import Yams

/// Reads one Sigma rule file: the rules nhitop can run (logsource `aws/cloudtrail`,
/// `kubernetes/audit`, `github/audit`) compiled, every other one a `SkippedRule`.
enum SigmaRuleParser {
    /// Logsource (product, service) → the format nhitop reads it from.
    static let logsources: [String: SourceFormat] = [
        "aws/cloudtrail": .cloudtrail,
        "kubernetes/audit": .k8sAudit,
        "github/audit": .github,
    ]

    enum Outcome {
        case rule(CompiledRule)
        case skipped(SkippedRule)
    }

    /// Every document of the file (a file usually holds one rule).
    static func parse(yaml: String, path: String) -> [Outcome] {
        var documents: [Node] = []
        do {
            var seq = try Yams.compose_all(yaml: yaml, Resolver.basic)
            while let node = seq.next() { documents.append(node) }
            if let error = seq.error { throw error }
        } catch {
            return [.skipped(SkippedRule(path: path, reason: "invalid YAML: " + YAMLText.oneLine(error), kind: .invalid))]
        }
        if documents.isEmpty { return [.skipped(SkippedRule(path: path, reason: "no rule in the file", kind: .invalid))] }
        let fallbackID = String(path.split(separator: "/").last ?? Substring(path))
        return documents.enumerated().map { i, node in
            let where_ = documents.count > 1 ? "\(path) (document \(i + 1))" : path
            do throws(RuleLoadError) {
                return .rule(try rule(node, path: path, fallbackID: fallbackID))
            } catch {
                return .skipped(SkippedRule(path: where_, reason: error.reason, kind: error.kind))
            }
        }
    }

    static func rule(_ node: Node, path: String, fallbackID: String) throws(RuleLoadError) -> CompiledRule {
        guard let m = node.mapping else { throw .invalid("not a Sigma rule (expected a mapping)") }
        var fields: [String: Node] = [:]
        for (k, v) in m { if let key = k.scalarText { fields[key] = v } }

        if fields["action"] != nil { throw .unsupported("rule collection ('action: \(fields["action"]?.scalarText ?? "")')") }
        if fields["correlation"] != nil { throw .unsupported("correlation rule") }
        if fields["filter"] != nil, fields["detection"] == nil { throw .unsupported("filter rule") }
        guard let title = fields["title"]?.scalarText, !title.isEmpty else { throw .invalid("missing 'title'") }
        guard let logsource = fields["logsource"]?.mapping else { throw .invalid("missing 'logsource'") }

        var product = "", service = "", category = ""
        for (k, v) in logsource {
            switch k.scalarText {
            case "product": product = v.scalarText?.lowercased() ?? ""
            case "service": service = v.scalarText?.lowercased() ?? ""
            case "category": category = v.scalarText?.lowercased() ?? ""
            default: break
            }
        }
        guard let format = logsources["\(product)/\(service)"] else {
            let named = [("product", product), ("service", service), ("category", category)]
                .filter { !$0.1.isEmpty }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            throw RuleLoadError(reason: "logsource " + (named.isEmpty ? "(none)" : named), kind: .otherLogsource)
        }
        if fields["status"]?.scalarText?.lowercased() == "unsupported" { throw .unsupported("status 'unsupported'") }
        guard let detectionNode = fields["detection"] else { throw .invalid("missing 'detection'") }
        let detection = try DetectionCompiler.compile(detectionNode)

        let level: RuleLevel
        if let text = fields["level"]?.scalarText {
            guard let l = RuleLevel(label: text) else { throw .invalid("unknown level '\(text)'") }
            level = l
        } else {
            level = .medium
        }
        let tags = fields["tags"]?.textList ?? []
        let (tactic, techniques) = AttackTags.fromSigmaTags(tags)
        let author = (fields["author"]?.scalarText ?? "").trimmingWhitespace
        let id = fields["id"]?.scalarText ?? fallbackID
        let info = RuleInfo(id: id, title: title, source: .sigma, level: level, tactic: tactic, techniques: techniques,
                            author: author, falsePositives: fields["falsepositives"]?.textList ?? [], path: path, format: format)
        return CompiledRule(info: info, detection: detection,
                            reason: ReasonTemplate(literal: title, suffix: ReasonTemplate.sigmaSuffix(author: author, tactic: tactic)))
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = self[...]
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
