/// The keys a rule can be filed under for one spec: folded whole values (two fields' values
/// joined by a 0 byte) and first segments.
struct IndexKeys {
    var whole = Set<[UInt8]>()
    var segments = Set<[UInt8]>()
    var count: Int { whole.count + segments.count }

    mutating func formUnion(_ o: IndexKeys) {
        whole.formUnion(o.whole)
        segments.formUnion(o.segments)
    }
}

/// A spec (one field or two) and the keys one of which it must hold.
struct IndexRequirement {
    var spec: RuleIndex.Spec
    var keys: IndexKeys
}

/// Finds what every match of a detection requires: a list of alternatives, each a spec and
/// the keys it must hold, such that a match satisfies at least one.
enum IndexAnalysis {
    /// Fields never used as keys: nearly every record holds the same few values.
    static let unselective: Set<FieldPath> = [FieldPath("@decision")]
    /// Two-field keys: at most this many value pairs per rule.
    static let maxPairs = 256

    /// Every field some map of `d` requires keys of: the fields worth looking up.
    static func candidateFields(_ d: Detection) -> Set<FieldPath> {
        var out = Set<FieldPath>()
        for s in d.selections {
            guard case .maps(let maps) = s else { continue }
            for tests in maps {
                for t in tests where !t.negated && !unselective.contains(t.path) && keys(t.test) != nil { out.insert(t.path) }
            }
        }
        return out
    }

    /// nil when a match is possible without any known spec holding a known key. `rank`
    /// orders the specs to prefer (lower first); specs it lacks are not used.
    static func requirements(_ d: Detection, rank: [RuleIndex.Spec: Int]) -> [IndexRequirement]? {
        required(d.condition, d.selections, rank)
    }

    /// How good a set of alternatives is as an index entry (lower is better): the fewer
    /// alternatives and the more preferred their specs, the fewer lookups and evaluations.
    private static func cost(_ alts: [IndexRequirement], _ rank: [RuleIndex.Spec: Int]) -> (Int, Int, Int) {
        (alts.count, alts.map { rank[$0.spec] ?? Int.max }.max() ?? 0, alts.reduce(0) { $0 + $1.keys.count })
    }

    private static func merged(_ alts: [IndexRequirement]) -> [IndexRequirement] {
        var out: [IndexRequirement] = []
        for a in alts {
            if let i = out.firstIndex(where: { $0.spec == a.spec }) { out[i].keys.formUnion(a.keys) } else { out.append(a) }
        }
        return out
    }

    private static func required(_ c: Condition, _ sels: [Selection], _ rank: [RuleIndex.Spec: Int]) -> [IndexRequirement]? {
        switch c {
        case .selection(let i):
            return required(sels[i], rank)
        case .and(let parts):
            // Any side's requirement holds for the whole; the cheapest one files the rule.
            var best: [IndexRequirement]?
            for p in parts {
                if let r = required(p, sels, rank), best == nil || cost(r, rank) < cost(best!, rank) { best = r }
            }
            return best
        case .or(let parts):
            var all: [IndexRequirement] = []
            for p in parts {
                guard let r = required(p, sels, rank) else { return nil }
                all += r
            }
            return merged(all)
        case .not:
            return nil
        }
    }

    /// A selection: each of its maps (OR'd) must require some spec.
    private static func required(_ s: Selection, _ rank: [RuleIndex.Spec: Int]) -> [IndexRequirement]? {
        guard case .maps(let maps) = s else { return nil }
        var all: [IndexRequirement] = []
        for tests in maps {
            var single: [FieldPath: IndexKeys] = [:]
            for t in tests where !t.negated {
                guard let k = keys(t.test) else { continue }
                if let old = single[t.path], old.count <= k.count { continue }
                single[t.path] = k
            }
            var best: IndexRequirement?
            func consider(_ r: IndexRequirement) {
                guard let rr = rank[r.spec] else { return }
                if let b = best, (rank[b.spec]!, b.keys.count) <= (rr, r.keys.count) { return }
                best = r
            }
            for (field, k) in single { consider(IndexRequirement(spec: [field], keys: k)) }
            for spec in rank.keys where spec.count == 2 {
                guard let a = single[spec[0]], let b = single[spec[1]], a.segments.isEmpty, b.segments.isEmpty,
                      a.whole.count * b.whole.count <= maxPairs else { continue }
                var pairs = IndexKeys()
                for x in a.whole { for y in b.whole { pairs.whole.insert(x + [0] + y) } }
                consider(IndexRequirement(spec: spec, keys: pairs))
            }
            guard let best else { return nil }
            all.append(best)
        }
        return all.isEmpty ? nil : merged(all)
    }

    /// One test's keys: every value exact, or a prefix reaching past a `/` or `:`.
    static func keys(_ test: FieldTest.Test) -> IndexKeys? {
        guard case .values(let groups, all: false) = test, groups.count == 1, !groups[0].matchesNull else { return nil }
        var keys = IndexKeys()
        for p in groups[0].patterns {
            switch p {
            case .exact(let b):
                keys.whole.insert(ByteMatching.folded(b))
            case .prefix(let b):
                guard let cut = b.firstIndex(where: RuleIndex.isSegmentEnd) else { return nil }
                keys.segments.insert(ByteMatching.folded(Array(b[...cut])))
            default:
                return nil
            }
        }
        return keys.count == 0 ? nil : keys
    }
}
