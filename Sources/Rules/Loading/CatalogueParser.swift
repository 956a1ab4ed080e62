import Events
import Yams

/// Reads a catalogue file (docs/rules.md): a YAML list of entries, or a mapping whose
/// `rules:` is that list. Each entry compiles on its own; a bad one is skipped, named.
enum CatalogueParser {
    enum Entry {
        case rule(CompiledRule)
        /// `{id: X, disabled: true}`: removes the entry with that id.
        case disabled(id: String)
    }

    static let keys: Set<String> = [
        "id", "title", "format", "level", "tactic", "techniques", "detection", "reason", "falsepositives",
        "disabled", "description", "references", "author",
    ]

    /// - path: names the file in skipped entries (`builtin:aws` for the compiled-in texts).
    /// - infoPath: `RuleInfo.path` of its rules (`builtin` for the compiled-in texts).
    static func parse(yaml: String, path: String, infoPath: String) -> (entries: [Entry], skipped: [SkippedRule]) {
        let root: Node?
        do { root = try Yams.compose(yaml: yaml, Resolver.basic) } catch {
            return ([], [SkippedRule(path: path, reason: "invalid YAML: " + YAMLText.oneLine(error), kind: .invalid)])
        }
        guard let root else { return ([], []) }  // an empty file: no entries
        var list: Node.Sequence
        if let seq = root.sequence {
            list = seq
        } else if let m = root.mapping, let rules = m["rules"], let seq = rules.sequence {
            list = seq
        } else if root.isYAMLNull {
            return ([], [])
        } else {
            return ([], [SkippedRule(path: path, reason: "expected a list of entries or a mapping with 'rules:'", kind: .invalid)])
        }
        var entries: [Entry] = []
        var skipped: [SkippedRule] = []
        for (i, node) in list.enumerated() {
            let label = node.mapping?["id"]?.scalarText ?? "#\(i + 1)"
            do throws(RuleLoadError) {
                entries.append(try entry(node, infoPath: infoPath))
            } catch {
                skipped.append(SkippedRule(path: path, reason: "entry \(label): \(error.reason)", kind: error.kind))
            }
        }
        return (entries, skipped)
    }

    static func entry(_ node: Node, infoPath: String) throws(RuleLoadError) -> Entry {
        guard let m = node.mapping else { throw .invalid("not a mapping") }
        var f: [String: Node] = [:]
        for (k, v) in m {
            guard let key = k.scalarText else { throw .invalid("a key that is not text") }
            guard keys.contains(key) else {
                throw .invalid("unknown key '\(key)' (expected " + keys.sorted().joined(separator: ", ") + ")")
            }
            f[key] = v
        }
        guard let id = f["id"]?.scalarText, !id.isEmpty else { throw .invalid("missing 'id'") }
        if let d = f["disabled"] {
            guard let off = d.boolValue else { throw .invalid("'disabled' must be true or false") }
            if off { return .disabled(id: id) }
        }
        guard let title = f["title"]?.scalarText, !title.isEmpty else { throw .invalid("missing 'title'") }
        guard let formatText = f["format"]?.scalarText else { throw .invalid("missing 'format'") }
        let format: SourceFormat?
        if formatText == "any" {
            format = nil
        } else {
            guard let parsed = SourceFormat(label: formatText) else {
                throw .invalid("unknown format '\(formatText)' (expected "
                               + (SourceFormat.allCases.map(\.label) + ["any"]).joined(separator: ", ") + ")")
            }
            format = parsed
        }
        var level = RuleLevel.medium
        if let text = f["level"]?.scalarText {
            guard let l = RuleLevel(label: text) else { throw .invalid("unknown level '\(text)'") }
            level = l
        }
        var tactic = ""
        if let t = f["tactic"]?.scalarText {
            guard AttackTags.tactics.contains(t) else { throw .invalid("unknown tactic '\(t)'") }
            tactic = t
        }
        var techniques: [String] = []
        if let node = f["techniques"] {
            guard let list = node.textList else { throw .invalid("'techniques' must be a list of ids") }
            for t in list {
                guard let id = AttackTags.technique(t) else { throw .invalid("'\(t)' is not an ATT&CK technique id") }
                techniques.append(id)
            }
        }
        guard let detectionNode = f["detection"] else { throw .invalid("missing 'detection'") }
        let detection = try DetectionCompiler.compile(detectionNode)
        var falsePositives: [String] = []
        if let node = f["falsepositives"] {
            guard let list = node.textList else { throw .invalid("'falsepositives' must be a list of text") }
            falsePositives = list
        }
        let template = f["reason"]?.scalarText ?? title
        let reason = try ReasonTemplate(template: template,
                                        suffix: ReasonTemplate.catalogueSuffix(tactic: tactic, techniques: techniques))
        let info = RuleInfo(id: id, title: title, source: .builtin, level: level, tactic: tactic, techniques: techniques,
                            author: f["author"]?.scalarText ?? "", falsePositives: falsePositives, path: infoPath,
                            format: format)
        return .rule(CompiledRule(info: info, detection: detection, reason: reason))
    }
}
