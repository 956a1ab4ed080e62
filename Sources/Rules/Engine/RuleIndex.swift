import Events

/// Which rules a record can meet. Most rules require one of a few values of a field every
/// record of their format has (CloudTrail's `eventName`, Kubernetes' `objectRef.resource` and
/// `verb`, Vault's `request.path`, the normalized `@action`): those rules are filed under the
/// values' hashes, and a record looks up its own values once. The rest are scanned for every
/// record.
///
/// A key is a field's whole value, or two fields' values together (Kubernetes' resource and
/// verb: `pods` alone is half the traffic, `pods` + `create` is rare), or a value's first path
/// segment (`sys/`, `system:`) when the rule requires a prefix reaching past one
/// (`sys/policies/`, `system:serviceaccount:kube-system:`).
/// Hash collisions and coarse keys only cost an evaluation, never a miss.
struct RuleIndex: Sendable {
    /// A key's fields: one, or two whose values are keyed together.
    typealias Spec = [FieldPath]

    /// The keys rules are filed under, per format, best first. Fields that rules select on
    /// beyond these are added as rules need them.
    static func indexSpecs(_ format: SourceFormat) -> [Spec] {
        let action = FieldPath("@action")
        return switch format {
        case .cloudtrail: [[FieldPath("eventName")], [FieldPath("eventSource")], [action]]
        case .k8sAudit:
            [[FieldPath("objectRef.resource"), FieldPath("verb")], [action], [FieldPath("objectRef.resource")], [FieldPath("verb")]]
        case .github: [[FieldPath("action")], [action]]
        case .vault: [[FieldPath("request.path")], [action], [FieldPath("request.operation")]]
        case .opa, .nhitop, .mapped: [[action]]
        }
    }

    /// For `format: any` rules: fields every format fills.
    static let anyFormatSpecs: [Spec] = [[FieldPath("@action")], [FieldPath("@kind")], [FieldPath("@format")]]

    struct Table: Sendable {
        private(set) var specs: [Spec]
        /// Per spec: hash of a whole folded value (or of two, with a 0 byte between) → rule numbers.
        private(set) var whole: [HashBuckets] = []
        /// Per one-field spec: hash of a folded first segment (through its `/` or `:`) → rule numbers.
        private(set) var segment: [HashBuckets] = []
        /// Rules with no key: evaluated for every record.
        private(set) var scan: [Int32] = []

        init(specs: [Spec]) { self.specs = specs }

        /// Files `rules` (number, detection): each under the keys of every alternative that
        /// any match requires (several when its condition is an OR over different fields),
        /// else in `scan`. Fields beyond the preferred specs are added when rules need them,
        /// most shared first, so one lookup serves every rule that selects on the field.
        /// Specs no rule is filed under are dropped: each costs a lookup per record.
        mutating func file(_ rules: [(Int32, Detection)], indexed: Bool) {
            var wholeLists: [[UInt64: [Int32]]] = specs.map { _ in [:] }
            var segmentLists: [[UInt64: [Int32]]] = specs.map { _ in [:] }
            defer {
                let used = specs.indices.filter { !wholeLists[$0].isEmpty || !segmentLists[$0].isEmpty }
                specs = used.map { specs[$0] }
                whole = used.map { HashBuckets(wholeLists[$0]) }
                segment = used.map { HashBuckets(segmentLists[$0]) }
            }
            guard indexed else {
                scan = rules.map(\.0)
                return
            }
            var frequency: [FieldPath: Int] = [:]
            for (_, d) in rules {
                for f in IndexAnalysis.candidateFields(d) where !specs.contains([f]) { frequency[f, default: 0] += 1 }
            }
            let extra = frequency.keys.sorted { (frequency[$0]!, $1.text) > (frequency[$1]!, $0.text) }
            var rank: [Spec: Int] = [:]
            for (i, spec) in (specs + extra.map { [$0] }).enumerated() { rank[spec] = i }
            for (number, detection) in rules {
                guard let alternatives = IndexAnalysis.requirements(detection, rank: rank) else {
                    scan.append(number)
                    continue
                }
                for r in alternatives {
                    let k: Int
                    if let at = specs.firstIndex(of: r.spec) { k = at } else {
                        k = specs.count
                        specs.append(r.spec)
                        wholeLists.append([:])
                        segmentLists.append([:])
                    }
                    for h in Set(r.keys.whole.map { RuleIndex.hash($0, segment: false) }) { wholeLists[k][h, default: []].append(number) }
                    for h in Set(r.keys.segments.map { RuleIndex.hash($0, segment: true) }) { segmentLists[k][h, default: []].append(number) }
                }
            }
        }
    }

    private(set) var formats: [Table]
    /// `format: any` rules, filed under fields every format has.
    private(set) var anyFormat: Table
    /// Per format: how many rules it can meet (the candidate buffer's size).
    private var ruleCount: [Int]

    /// - indexed: false puts every rule in the scan lists (tests compare the two).
    init(_ rules: [CompiledRule], indexed: Bool = true) {
        formats = SourceFormat.allCases.map { Table(specs: RuleIndex.indexSpecs($0)) }
        anyFormat = Table(specs: RuleIndex.anyFormatSpecs)
        var perFormat: [[(Int32, Detection)]] = SourceFormat.allCases.map { _ in [] }
        var any: [(Int32, Detection)] = []
        for (n, rule) in rules.enumerated() {
            if let format = rule.info.format {
                perFormat[Int(format.rawValue)].append((Int32(n), rule.detection))
            } else {
                any.append((Int32(n), rule.detection))
            }
        }
        for f in formats.indices { formats[f].file(perFormat[f], indexed: indexed) }
        anyFormat.file(any, indexed: indexed)
        ruleCount = perFormat.map { $0.count + any.count }
    }

    /// Rules evaluated for every record of `format` (no index key): its fixed cost per record.
    func scanCount(_ format: SourceFormat) -> Int { formats[Int(format.rawValue)].scan.count + anyFormat.scan.count }

    /// A key's hash: its folded bytes (two values joined by a 0 byte), marked apart for segments.
    static func hash(_ bytes: [UInt8], segment: Bool) -> UInt64 {
        let h = bytes.withUnsafeBytes { ByteMatching.foldedHash($0) }
        return segment ? h ^ segmentMark : h
    }

    /// Past this many values of either field of a two-field spec, a record is a candidate for
    /// every rule of the spec (the pairs would cost the product of the counts).
    static let maxPairedValues = 8
    /// Past this many values of a one-field spec's field, likewise.
    static let maxValues = 64

    static let segmentMark: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// Where a value's first segment ends: `/` in paths (`sys/`), `:` in names (`system:`).
    @inline(__always) static func isSegmentEnd(_ b: UInt8) -> Bool { b == 0x2F || b == 0x3A }
    /// The hash state after the 0 byte that joins a two-field key's values.
    @inline(__always) static func joined(_ h: UInt64) -> UInt64 { h &* 0x100_0000_01b3 }

    /// Calls `body` with each candidate rule number for `record`, ascending, each once.
    func forEachCandidate(_ record: RecordAccess, format: SourceFormat, _ body: (Int) -> Void) {
        let capacity = ruleCount[Int(format.rawValue)]
        guard capacity > 0 else { return }
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { buffer in
            var n = 0
            func add(_ list: [Int32], _ range: Range<Int>) {
                for i in range {
                    if n == capacity {
                        n = RuleIndex.sortUnique(buffer, n)
                        // Still full after dropping repeats: every rule of this format is already a
                        // candidate, so whatever comes next is a repeat. (Writing it would overflow:
                        // found by fuzz-sigma, a rule set whose every rule matched one record.)
                        if n == capacity { return }
                    }
                    buffer[n] = list[i]
                    n += 1
                }
            }
            // Reads the table in place (no copies of its buckets: each would be retains per record).
            func lookUp(_ table: Table) {
                for k in table.specs.indices {
                    // Every rule filed under spec `k`: for a field that fans out to many values
                    // (arrays of thousands), where a lookup per value, or per pair of two
                    // fields' values, would cost more than evaluating the rules. No miss.
                    func addAll() {
                        add(table.whole[k].numbers, table.whole[k].numbers.indices)
                        add(table.segment[k].numbers, table.segment[k].numbers.indices)
                    }
                    let paired = table.specs[k].count == 2
                    if paired {
                        var second = 0
                        _ = record.eachValue(at: table.specs[k][1]) { _, _ in
                            second += 1
                            return second > RuleIndex.maxPairedValues
                        }
                        if second > RuleIndex.maxPairedValues { addAll(); continue }
                    }
                    var count = 0
                    _ = record.eachValue(at: table.specs[k][0]) { kind, bytes in
                        count += 1
                        if count > (paired ? RuleIndex.maxPairedValues : RuleIndex.maxValues) { addAll(); return true }
                        guard kind != .null else { return false }  // numbers and booleans match as text too
                        let h = ByteMatching.foldedHash(bytes)
                        if paired {
                            _ = record.eachValue(at: table.specs[k][1]) { kind2, bytes2 in
                                guard kind2 != .null else { return false }
                                add(table.whole[k].numbers, table.whole[k].lookUp(ByteMatching.foldedHash(bytes2, seed: RuleIndex.joined(h))))
                                return false
                            }
                            return false
                        }
                        if !table.whole[k].isEmpty { add(table.whole[k].numbers, table.whole[k].lookUp(h)) }
                        if !table.segment[k].isEmpty, let cut = bytes.firstIndex(where: RuleIndex.isSegmentEnd) {
                            let s = ByteMatching.foldedHash(UnsafeRawBufferPointer(rebasing: bytes[...cut])) ^ RuleIndex.segmentMark
                            add(table.segment[k].numbers, table.segment[k].lookUp(s))
                        }
                        return false
                    }
                }
                add(table.scan, table.scan.indices)
            }
            lookUp(formats[Int(format.rawValue)])
            lookUp(anyFormat)
            n = RuleIndex.sortUnique(buffer, n)
            for i in 0..<n { body(Int(buffer[i])) }
        }
    }

    /// Sorts the first `n` numbers (few: insertion sort) and drops repeats; returns the new count.
    private static func sortUnique(_ b: UnsafeMutableBufferPointer<Int32>, _ n: Int) -> Int {
        guard n > 1 else { return n }
        for i in 1..<n {
            let v = b[i]
            var j = i - 1
            while j >= 0 && b[j] > v { b[j + 1] = b[j]; j -= 1 }
            b[j + 1] = v
        }
        var out = 1
        for i in 1..<n where b[i] != b[out - 1] {
            b[out] = b[i]
            out += 1
        }
        return out
    }
}
