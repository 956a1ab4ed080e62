import Events
import Foundation

/// Loads the built-in catalogue, users' catalogue files and Sigma rule folders into one `RuleSet`.
public enum RuleLoader {
    /// - builtin: include the compiled-in catalogue.
    /// - catalogueFiles: nhitop catalogue files (the built-in schema): an entry with a built-in
    ///   entry's id replaces it; `{id: X, disabled: true}` removes it; new ids add rules.
    /// - sigmaPaths: Sigma `.yml`/`.yaml` files, or folders searched recursively in path order.
    /// Nothing throws for one bad rule: it is listed in `skipped` and the others load. A path
    /// that does not exist or cannot be read is also a `skipped` entry (kind `.invalid`).
    public static func load(builtin: Bool = true, catalogueFiles: [String] = [], sigmaPaths: [String] = []) -> RuleSet {
        var skipped: [SkippedRule] = []
        var catalogues: [RuleText] = []
        for path in catalogueFiles {
            if let text = read(path, &skipped) { catalogues.append(RuleText(path: path, yaml: text)) }
        }
        var sigma: [RuleText] = []
        for path in sigmaPaths {
            for file in sigmaFiles(path, &skipped) {
                if let text = read(file, &skipped) { sigma.append(RuleText(path: file, yaml: text)) }
            }
        }
        return loadTexts(builtin: builtin, catalogues: catalogues, sigma: sigma, unread: skipped)
    }

    /// YAML text standing for a file: `path` names it in `SkippedRule` and `RuleInfo.path`.
    public struct RuleText: Sendable {
        public var path: String
        public var yaml: String
        public init(path: String, yaml: String) {
            self.path = path
            self.yaml = yaml
        }
    }

    /// As `load(builtin:catalogueFiles:sigmaPaths:)`, from texts instead of files.
    public static func loadTexts(builtin: Bool = true, catalogues: [RuleText] = [], sigma: [RuleText] = []) -> RuleSet {
        loadTexts(builtin: builtin, catalogues: catalogues, sigma: sigma, unread: [])
    }

    /// - unread: paths that could not be read, listed first in `skipped`.
    static func loadTexts(builtin: Bool, catalogues: [RuleText], sigma: [RuleText], unread: [SkippedRule]) -> RuleSet {
        var skipped = unread
        var entries: [CompiledRule] = []
        var position: [String: Int] = [:]
        var removed = Set<Int>()

        if builtin {
            entries = compiledBuiltin.rules
            skipped += compiledBuiltin.skipped
            for (i, r) in entries.enumerated() { position[r.info.id] = i }
        }
        for file in catalogues {
            let (parsed, bad) = CatalogueParser.parse(yaml: file.yaml, path: file.path, infoPath: file.path)
            skipped += bad
            for entry in parsed {
                switch entry {
                case .rule(let r):
                    if let at = position[r.info.id] {
                        entries[at] = r  // replaces the entry in place, turned back on if it was off
                        removed.remove(at)
                    } else {
                        position[r.info.id] = entries.count
                        entries.append(r)
                    }
                case .disabled(let id):
                    if let at = position[id] { removed.insert(at) }
                }
            }
        }
        var compiled = entries.indices.filter { !removed.contains($0) }.map { entries[$0] }

        for file in sigma {
            for outcome in SigmaRuleParser.parse(yaml: file.yaml, path: file.path) {
                switch outcome {
                case .rule(let r): compiled.append(r)
                case .skipped(let s): skipped.append(s)
                }
            }
        }
        return RuleSet(compiled: compiled, skipped: skipped)
    }

    /// The compiled-in catalogue, compiled once per process (rules are immutable and shared).
    private static let compiledBuiltin: (rules: [CompiledRule], skipped: [SkippedRule]) = {
        var rules: [CompiledRule] = []
        var skipped: [SkippedRule] = []
        var ids = Set<String>()
        for family in BuiltinCatalogue.families {
            let path = "builtin:\(family.name)"
            let (parsed, bad) = CatalogueParser.parse(yaml: family.yaml, path: path, infoPath: "builtin")
            skipped += bad
            for case .rule(let r) in parsed {
                guard ids.insert(r.info.id).inserted else {
                    skipped.append(SkippedRule(path: path, reason: "entry \(r.info.id): duplicate id", kind: .invalid))
                    continue
                }
                rules.append(r)
            }
        }
        return (rules, skipped)
    }()

    /// The compiled-in catalogue as one YAML list (each family under a comment naming it), for
    /// `nhitop rules --builtin`: a starting point for a catalogue file of one's own.
    public static var builtinYAML: String {
        var out = "# nhitop built-in catalogue (schema: docs/rules.md)\n"
        for family in BuiltinCatalogue.families {
            out += "\n# --- \(family.name) ---\n"
            out += family.yaml
            if !family.yaml.hasSuffix("\n") { out += "\n" }
        }
        return out
    }

    /// The compiled-in families' names, in order.
    public static var builtinFamilies: [String] { BuiltinCatalogue.families.map(\.name) }

    // MARK: Files

    private static func read(_ path: String, _ skipped: inout [SkippedRule]) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            skipped.append(SkippedRule(path: path, reason: "cannot read file", kind: .invalid))
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A file as given; a folder's `.yml`/`.yaml` files, recursively, sorted by path.
    private static func sigmaFiles(_ path: String, _ skipped: inout [SkippedRule]) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            skipped.append(SkippedRule(path: path, reason: "no such file or folder", kind: .invalid))
            return []
        }
        guard isDir.boolValue else { return [path] }
        guard let walker = FileManager.default.enumerator(atPath: path) else {
            skipped.append(SkippedRule(path: path, reason: "cannot read folder", kind: .invalid))
            return []
        }
        var files: [String] = []
        let base = path.hasSuffix("/") ? path : path + "/"
        while let relative = walker.nextObject() as? String {
            let lower = relative.lowercased()
            guard lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") else { continue }
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }  // .git, .github
            files.append(base + relative)
        }
        return files.sorted()
    }
}
