/// A compiled detection: search identifiers (selections) and the condition over them, as
/// loading builds and the index reads them, and flattened into a `DetectionProgram` to run.
struct Detection: Sendable {
    let selections: [Selection]
    let condition: Condition
    private let program: DetectionProgram

    init(selections: [Selection], condition: Condition) {
        self.selections = selections
        self.condition = condition
        program = DetectionProgram(selections: selections, condition: condition)
    }

    func matches(_ record: RecordAccess) -> Bool { program.matches(record) }
}

/// One search identifier: a keyword search, or maps of field tests (a list of maps is OR,
/// the tests inside one map are AND).
enum Selection: Sendable {
    /// Keywords over the whole raw record, OR'd (AND'd with `all`).
    case keywords([ValueAlternatives], all: Bool)
    case maps([[FieldTest]])
}

extension ValueAlternatives {
    func matchesRaw(_ raw: UnsafeRawBufferPointer) -> Bool {
        patterns.contains { $0.matches(raw, folded: folded) }
    }
}

/// One `field|modifiers: values` entry of a map. A class: runs read tests out of arrays, and
/// a reference is one retain where a struct would retain each of its arrays.
final class FieldTest: Sendable {
    enum Test: Sendable {
        /// Each group is one value of the rule (several patterns after `windash`/`base64offset`);
        /// groups are OR'd, or AND'd with `all`.
        case values([ValueAlternatives], all: Bool)
        /// A keyless entry (`'|contains': [...]`): keywords with modifiers, over the whole record.
        case raw([ValueAlternatives], all: Bool)
        /// `exists: true/false`: the field is present (any value, null included) or absent.
        case exists(Bool)
        /// `fieldref`: the value compared with another field's value(s).
        case fieldRef([FieldPath], mode: FieldRefMode, folded: Bool, all: Bool)
    }

    enum FieldRefMode: Sendable { case equal, prefix, suffix, contains }

    let path: FieldPath
    let test: Test
    /// `neq`: the test's result inverted (a missing field is "not equal").
    let negated: Bool

    init(path: FieldPath, test: Test, negated: Bool) {
        self.path = path
        self.test = test
        self.negated = negated
    }

    func matches(_ record: RecordAccess) -> Bool {
        let r: Bool
        let path = self.path
        switch test {
        case .values(let groups, let all):
            if groups.count == 1 {
                r = groups[0].matches(record, path)
            } else {
                r = all ? groups.allSatisfy { $0.matches(record, path) } : groups.contains { $0.matches(record, path) }
            }
        case .raw(let groups, let all):
            r = record.withRawRecord { raw in
                all ? groups.allSatisfy { $0.matchesRaw(raw) } : groups.contains { $0.matchesRaw(raw) }
            }
        case .exists(let wanted):
            r = record.eachValue(at: path) { _, _ in true } == wanted
        case .fieldRef(let others, let mode, let folded, let all):
            let one = { (other: FieldPath) -> Bool in
                // Two fanned-out arrays make every pair a compare: past the cap, no match.
                var pairs = 0
                var gaveUp = false
                let found = record.eachValue(at: other) { okind, obytes in
                    guard okind != .null else { return false }
                    if mode == .contains, obytes.count > FieldTest.maxContainsReferenceBytes { return false }
                    return record.eachValue(at: path) { kind, bytes in
                        pairs += 1
                        if pairs > FieldTest.maxFieldRefPairs { gaveUp = true; return true }
                        return kind != .null && FieldTest.compare(bytes, obytes, mode, folded)
                    }
                }
                return found && !gaveUp
            }
            r = all ? others.allSatisfy(one) : others.contains(where: one)
        }
        return r != negated
    }

    /// A rough cost rank: a map's tests run cheapest first (AND has no order), so a regex or a
    /// whole-record search runs only for records the byte compares let through.
    var cost: Int {
        switch test {
        case .exists: 0
        case .values(let groups, _):
            groups.flatMap(\.patterns).map { p -> Int in
                switch p {
                case .anyValue, .exact, .prefix, .suffix: 0
                case .contains, .glob, .cidr, .numeric: 1
                case .regex: 4
                }
            }.max() ?? 0
        case .fieldRef: 2
        case .raw: 3
        }
    }

    /// `fieldref|contains` does not search for a referenced value longer than this (no match):
    /// the search costs the two lengths multiplied, and both are the record writer's.
    static let maxContainsReferenceBytes = 256
    /// The most (value, referenced value) pairs one `fieldref` compares; past it, no match.
    static let maxFieldRefPairs = 64

    static func compare(_ s: UnsafeRawBufferPointer, _ p: UnsafeRawBufferPointer, _ mode: FieldRefMode, _ folded: Bool) -> Bool {
        @inline(__always) func eq(_ from: Int) -> Bool {
            var i = 0
            while i < p.count {
                let a = s[from + i], b = p[i]
                if folded ? ByteMatching.fold(a) != ByteMatching.fold(b) : a != b { return false }
                i += 1
            }
            return true
        }
        switch mode {
        case .equal: return s.count == p.count && eq(0)
        case .prefix: return s.count >= p.count && eq(0)
        case .suffix: return s.count >= p.count && eq(s.count - p.count)
        case .contains:
            guard s.count >= p.count else { return false }
            guard p.count > 0 else { return true }
            // Only positions whose first byte matches run the compare.
            let first = folded ? ByteMatching.fold(p[0]) : p[0]
            for i in 0...(s.count - p.count) where (folded ? ByteMatching.fold(s[i]) : s[i]) == first && eq(i) { return true }
            return false
        }
    }
}

/// The condition, over selection indices.
indirect enum Condition: Sendable {
    case selection(Int)
    case and([Condition])
    case or([Condition])
    case not(Condition)
}
