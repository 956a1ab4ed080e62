import ConfigFiles
import Events
import Foundation
import Yams

/// A risk config that cannot be used: one line naming the file and the key.
public typealias RiskConfigError = ConfigError

extension RiskConfig {
    /// Reads and parses a risk config file. Errors name `path`.
    ///
    /// ```yaml
    /// chain_floor: 70              # any RiskConfig field, in snake_case
    /// criticality: 1.5
    /// signals:
    ///   deny_spike: { weight: 30, half_life_hours: 2 }
    /// rules: [sigma/cloud/aws]     # Sigma files or folders, relative to this file
    /// catalogue: [my-rules.yaml]   # catalogue files that extend the built-in one
    /// suppress:
    ///   - { rule: aws.ec2.snapshot-shared, identity: "backup-*", until: 2026-12-31, reason: DR copies }
    /// ```
    /// Every key is optional; what is left out keeps its `RiskConfig.standard` value.
    /// Unknown keys and signals, wrong types and out-of-range values are errors: a typo
    /// must not silently fall back to a default. Every number has a range (`RiskConfigLimits`).
    /// See `examples/risk.yaml`.
    public static func load(contentsOf path: String) throws -> RiskConfig {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw RiskConfigError(source: path, key: "", message: "cannot read file")
        }
        var config = try parse(yaml: text, source: path)
        // `rules:` and `catalogue:` name files beside the config, wherever nhitop is started from.
        let folder = (path as NSString).deletingLastPathComponent
        config.rulePaths = config.rulePaths.map { resolve($0, against: folder) }
        config.cataloguePaths = config.cataloguePaths.map { resolve($0, against: folder) }
        return config
    }

    /// A relative path joined to the config file's folder; absolute paths are kept.
    static func resolve(_ path: String, against folder: String) -> String {
        path.hasPrefix("/") || folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }

    /// Parses risk config YAML; `source` names it in errors (usually its path).
    public static func parse(yaml: String, source: String) throws -> RiskConfig {
        try RiskConfigParser(source: source).parse(yaml)
    }
}

private struct RiskConfigParser {
    typealias L = RiskConfigLimits
    let source: String

    func fail(_ key: String, _ message: String) -> RiskConfigError {
        RiskConfigError(source: source, key: key, message: message)
    }

    static let topKeys = [
        "chain_classes", "chain_window_hours", "chain_floor", "criticality", "warm_up_events",
        "warm_up_seconds", "enumeration_distinct", "enumeration_window_seconds", "deny_spike_count",
        "secret_harvest_count", "dormant_hours", "volume_z", "volume_min_per_minute", "signals",
        "rules", "catalogue", "suppress",
    ]

    func parse(_ yaml: String) throws -> RiskConfig {
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw fail("", "invalid YAML: " + YAMLErrorText.oneLine(error))
        }
        var config = RiskConfig.standard
        // An empty file (or one holding only comments) is the standard config.
        guard let root else { return config }
        if root.null != nil { return config }
        guard let top = root.mapping else { throw fail("", "expected a mapping of settings (see examples/risk.yaml)") }
        var seen: Set<String> = []
        for (k, v) in top {
            guard let key = k.string, k.scalar != nil else { throw fail("", "keys must be plain names") }
            guard seen.insert(key).inserted else { throw fail(key, "given twice") }
            switch key {
            case "chain_classes":
                config.chainClasses = try int(v, key, 1...SignalClass.allCases.count - 1)
            case "chain_window_hours":
                config.chainWindowHours = try positive(v, key, atMost: L.maxChainWindowHours)
            case "chain_floor":
                config.chainFloor = try number(v, key, 0...100)
            case "criticality":
                config.criticality = try number(v, key, 0.5...2)
            case "warm_up_events":
                config.warmUpEvents = try int(v, key, 1...L.maxCount)
            case "warm_up_seconds":
                config.warmUpSeconds = Int64(try int(v, key, 1...L.maxWarmUpSeconds))
            case "enumeration_distinct":
                config.enumerationDistinct = try int(v, key, 1...L.maxEnumerationDistinct)
            case "enumeration_window_seconds":
                config.enumerationWindowSeconds = Int64(try int(v, key, 1...L.maxEnumerationWindowSeconds))
            case "deny_spike_count":
                config.denySpikeCount = try int(v, key, 1...L.maxCount)
            case "secret_harvest_count":
                config.secretHarvestCount = try int(v, key, 1...L.maxSecretHarvestCount)
            case "dormant_hours":
                config.dormantHours = try positive(v, key, atMost: L.maxHours)
            case "volume_z":
                config.volumeZ = try positive(v, key, atMost: L.maxVolumeZ)
            case "volume_min_per_minute":
                config.volumeMinPerMinute = try positive(v, key, atMost: L.maxVolumePerMinute)
            case "signals":
                try signals(v, into: &config)
            case "rules":
                config.rulePaths = try paths(v, key)
            case "catalogue":
                config.cataloguePaths = try paths(v, key)
            case "suppress":
                config.suppressions = try suppressions(v)
            default:
                throw fail(key, "unknown key (known: \(Self.topKeys.joined(separator: ", ")))")
            }
        }
        return config
    }

    func signals(_ node: Node, into config: inout RiskConfig) throws {
        if node.null != nil { return }  // `signals:` with nothing under it
        guard let m = node.mapping else {
            throw fail("signals", "expected a mapping of signal name: {weight, half_life_hours}")
        }
        let known = Signal.allCases.map(\.name).joined(separator: ", ")
        var seen: Set<String> = []
        for (k, v) in m {
            let name = k.string ?? ""
            let at = "signals.\(name)"
            guard let signal = Signal(name: name) else { throw fail(at, "unknown signal (known: \(known))") }
            guard seen.insert(name).inserted else { throw fail(at, "given twice") }
            guard let fields = v.mapping else { throw fail(at, "expected a mapping with weight and/or half_life_hours") }
            for (fk, fv) in fields {
                let field = fk.string ?? ""
                // An override equal to the default is not kept, so a file that spells out
                // the defaults (examples/risk.yaml) loads equal to `RiskConfig.standard`.
                switch field {
                case "weight":
                    let w = try number(fv, "\(at).weight", 0...100)
                    config.weights[signal] = w == signal.defaultWeight ? nil : w
                case "half_life_hours":
                    guard signal.signalClass != .marker else {
                        throw fail("\(at).half_life_hours", "markers do not decay: they stay until acknowledged")
                    }
                    let h = try positive(fv, "\(at).half_life_hours", atMost: L.maxHours)
                    config.halfLives[signal] = h == signal.defaultHalfLifeHours ? nil : h
                default:
                    throw fail("\(at).\(field)", "unknown key (known: weight, half_life_hours)")
                }
            }
        }
    }

    // MARK: rules

    /// `rules:` and `catalogue:`: a list of paths (an empty key is no paths).
    func paths(_ node: Node, _ key: String) throws -> [String] {
        if node.null != nil { return [] }
        guard let list = node.sequence else { throw fail(key, "expected a list of paths") }
        return try list.enumerated().map { i, item in
            let at = "\(key)[\(i)]"
            let p = try string(item, at)
            guard !p.isEmpty else { throw fail(at, "must not be empty") }
            guard !p.hasPrefix("~") else { throw fail(at, "write the full path: ~ is not expanded") }
            return p
        }
    }

    static let suppressKeys = ["rule", "signal", "identity", "until", "reason"]

    /// `suppress:`: a list of mutes, each a rule id or a signal name for an identity glob.
    func suppressions(_ node: Node) throws -> [Suppression] {
        if node.null != nil { return [] }
        guard let list = node.sequence else {
            throw fail("suppress", "expected a list of {rule or signal, identity, until, reason}")
        }
        return try list.enumerated().map { i, item in try suppression(item, "suppress[\(i)]") }
    }

    func suppression(_ node: Node, _ at: String) throws -> Suppression {
        guard let fields = node.mapping else {
            throw fail(at, "expected a mapping with rule or signal, and optional identity, until, reason")
        }
        var target: Suppression.Target?
        var s = Suppression(target: .rule(""))
        var seen: Set<String> = []
        for (k, v) in fields {
            let field = k.string ?? ""
            let here = "\(at).\(field)"
            guard Self.suppressKeys.contains(field) else {
                throw fail(here, "unknown key (known: \(Self.suppressKeys.joined(separator: ", ")))")
            }
            guard seen.insert(field).inserted else { throw fail(here, "given twice") }
            switch field {
            case "rule", "signal":
                guard target == nil else { throw fail(here, "give rule or signal, not both") }
                let name = try string(v, here)
                guard !name.isEmpty else { throw fail(here, "must not be empty") }
                target = field == "rule" ? .rule(name) : try signalTarget(name, here)
            case "identity":
                s.identity = try string(v, here)
                guard !s.identity.isEmpty else { throw fail(here, "must not be empty (\"*\" is every identity)") }
            case "until":
                s.until = try time(v, here)
            default:  // reason
                s.reason = try string(v, here)
            }
        }
        guard let target else { throw fail(at, "needs rule (a rule id) or signal (a signal name)") }
        s.target = target
        return s
    }

    /// A signal by name; `rule` is every rule's match (the signal rule hits score under).
    func signalTarget(_ name: String, _ at: String) throws -> Suppression.Target {
        guard let signal = Signal(name: name) else {
            let known = Signal.allCases.map(\.name).joined(separator: ", ")
            throw fail(at, "unknown signal \"\(name)\" (known: \(known))")
        }
        // A revoke that did not hold is the failure nhitop exists to catch: it is acknowledged
        // by an operator, case by case, never muted by a standing rule.
        guard signal != .usedAfterRevoke else {
            throw fail(at, "used_after_revoke cannot be suppressed (acknowledge it in the dashboard instead)")
        }
        return .signal(signal)
    }

    /// An RFC 3339 time (`2026-12-31T18:00:00Z`) or date (`2026-12-31`, the start of that day UTC).
    func time(_ node: Node, _ at: String) throws -> EventTime {
        let text = try string(node, at)
        let isDate = text.utf8.count == 10 && text.utf8.enumerated().allSatisfy { i, c in
            i == 4 || i == 7 ? c == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
        }
        guard let t = TimestampParser.parse(isDate ? text + "T00:00:00Z" : text) else {
            throw fail(at, "must be an RFC 3339 date (2026-12-31) or time (2026-12-31T18:00:00Z)")
        }
        return t
    }

    // MARK: scalars

    /// Any scalar as written; a bare empty value (`key:`) is not a string.
    func string(_ node: Node, _ at: String) throws -> String {
        guard let s = node.scalar, !(s.style == .plain && node.null != nil) else {
            throw fail(at, "must be a string")
        }
        return s.string
    }

    /// A plain (unquoted) YAML number. Quoted strings are strings, even when they hold digits.
    private func plainNumber(_ node: Node) -> Double? {
        guard let s = node.scalar, s.style == .plain else { return nil }
        let text = s.string.replacingOccurrences(of: "_", with: "")
        guard let d = Double(text), d.isFinite else { return nil }
        return d
    }

    func number(_ node: Node, _ key: String, _ range: ClosedRange<Double>) throws -> Double {
        guard let d = plainNumber(node), range.contains(d) else {
            throw fail(key, "must be a number from \(show(range.lowerBound)) to \(show(range.upperBound))")
        }
        return d
    }

    /// Hours and other positive quantities: every one has a ceiling (`RiskConfigLimits`), so
    /// that converting it to microseconds of event time cannot trap.
    func positive(_ node: Node, _ key: String, atMost limit: Double) throws -> Double {
        guard let d = plainNumber(node), d > 0, d <= limit else {
            throw fail(key, "must be a number greater than 0 and at most \(show(limit))")
        }
        return d
    }

    func int(_ node: Node, _ key: String, _ range: ClosedRange<Int>) throws -> Int {
        let message = "must be a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard let d = plainNumber(node), d == d.rounded(), abs(d) < 9e15, range.contains(Int(d)) else {
            throw fail(key, message)
        }
        return Int(d)
    }

    private func show(_ d: Double) -> String {
        d == d.rounded() ? String(Int(d)) : String(d)
    }
}

