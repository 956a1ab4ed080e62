/// A detection flattened for running: the condition as an array of operations over
/// indices, every map's field tests in one array. Evaluating walks plain integers instead of
/// nested enums and arrays, whose every read would be a retain and a release per record.
struct DetectionProgram: Sendable {
    private enum Op: Sendable {
        case selection(Int32)
        /// Children at `children[start..<end]`.
        case and(Int32, Int32)
        case or(Int32, Int32)
        case not(Int32)
    }

    private enum SelectionOp: Sendable {
        /// `keywords[index]`, OR'd or AND'd.
        case keywords(Int32, all: Bool)
        /// Maps at `maps[start..<end]`, OR'd; each map's tests AND'd.
        case maps(Int32, Int32)
    }

    private var ops: [Op] = []
    private var children: [Int32] = []
    private var root: Int32 = 0
    private var selectionOps: [SelectionOp] = []
    private var keywords: [[ValueAlternatives]] = []
    /// Each map's tests at `tests[start..<end]`.
    private var maps: [(start: Int32, end: Int32)] = []
    private var tests: [FieldTest] = []

    init(selections: [Selection], condition: Condition) {
        for s in selections {
            switch s {
            case .keywords(let groups, let all):
                selectionOps.append(.keywords(Int32(keywords.count), all: all))
                keywords.append(groups)
            case .maps(let list):
                let first = Int32(maps.count)
                for m in list {
                    let start = Int32(tests.count)
                    tests += m
                    maps.append((start, Int32(tests.count)))
                }
                selectionOps.append(.maps(first, Int32(maps.count)))
            }
        }
        root = add(condition)
    }

    private mutating func add(_ c: Condition) -> Int32 {
        let op: Op
        switch c {
        case .selection(let i): op = .selection(Int32(i))
        case .not(let inner): op = .not(add(inner))
        case .and(let parts), .or(let parts):
            let indices = parts.map { add($0) }
            let start = Int32(children.count)
            children += indices
            if case .and = c { op = .and(start, Int32(children.count)) } else { op = .or(start, Int32(children.count)) }
        }
        ops.append(op)
        return Int32(ops.count - 1)
    }

    func matches(_ record: RecordAccess) -> Bool { evaluate(root, record) }

    private func evaluate(_ at: Int32, _ record: RecordAccess) -> Bool {
        switch ops[Int(at)] {
        case .selection(let s):
            return selection(s, record)
        case .not(let inner):
            return !evaluate(inner, record)
        case .and(let start, let end):
            for i in start..<end where !evaluate(children[Int(i)], record) { return false }
            return true
        case .or(let start, let end):
            for i in start..<end where evaluate(children[Int(i)], record) { return true }
            return false
        }
    }

    private func selection(_ s: Int32, _ record: RecordAccess) -> Bool {
        switch selectionOps[Int(s)] {
        case .keywords(let k, let all):
            let groups = keywords[Int(k)]
            return record.withRawRecord { raw in
                all ? groups.allSatisfy { $0.matchesRaw(raw) } : groups.contains { $0.matchesRaw(raw) }
            }
        case .maps(let first, let end):
            for m in first..<end {
                let span = maps[Int(m)]
                var all = true
                for t in span.start..<span.end where !tests[Int(t)].matches(record) {
                    all = false
                    break
                }
                if all { return true }
            }
            return false
        }
    }
}
