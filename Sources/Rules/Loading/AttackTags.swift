/// MITRE ATT&CK names as rules spell them: tactic slugs and technique ids.
enum AttackTags {
    static let tactics: Set<String> = [
        "reconnaissance", "resource-development", "initial-access", "execution", "persistence",
        "privilege-escalation", "defense-evasion", "credential-access", "discovery", "lateral-movement",
        "collection", "command-and-control", "exfiltration", "impact", "stealth", "defense-impairment",
    ]

    /// `T1098` or `T1098.001` (any case) as the canonical uppercase id; nil otherwise.
    static func technique(_ text: String) -> String? {
        let u = Array(text.uppercased().utf8)
        guard u.count == 5 || u.count == 9, u[0] == 0x54 else { return nil }
        let digits = u.count == 5 ? u[1...] : u[1..<5]
        guard digits.allSatisfy({ $0 &- 0x30 <= 9 }) else { return nil }
        if u.count == 9 {
            guard u[5] == 0x2E, u[6...].allSatisfy({ $0 &- 0x30 <= 9 }) else { return nil }
        }
        return String(decoding: u, as: UTF8.self)
    }

    /// From Sigma tags: the first `attack.<tactic>` and every `attack.tNNNN[.NNN]`.
    static func fromSigmaTags(_ tags: [String]) -> (tactic: String, techniques: [String]) {
        var tactic = ""
        var techniques: [String] = []
        for tag in tags {
            let t = tag.lowercased()
            guard t.hasPrefix("attack.") else { continue }
            // Older SigmaHQ rules spell tactics with `_` (`attack.initial_access`).
            let name = String(t.dropFirst(7).map { $0 == "_" ? "-" : $0 })
            if tactic.isEmpty, tactics.contains(name) { tactic = name }
            if let id = technique(name), !techniques.contains(id) { techniques.append(id) }
        }
        return (tactic, techniques)
    }
}
