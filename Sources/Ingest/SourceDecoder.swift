import Events

/// Turns the bytes of one source, fed in any chunking, into normalized events.
///
/// Framing (`Framer`) → a validating parse onto a reused tape (`JSONTape`) → unwrapping
/// (`{"Records":[…]}`, EventBridge, AKS) → format detection and mapping (`FormatMapper`).
/// Bad records are counted in `status`, never thrown: the source always continues.
public struct SourceDecoder: Sendable {
    public let sourceName: String
    public let options: IngestOptions

    private var framer: Framer
    private var tape: JSONTape
    private var innerTape: JSONTape
    private var mapper: FormatMapper
    private var nested: [UInt8] = []

    private var events = 0
    private var malformed = 0
    private var ignored = 0
    private var skipped = 0
    private var clockSkewed = 0
    private var skew = ClockSkewCheck()
    private var formatCounts = [Int](repeating: 0, count: SourceFormat.allCases.count)
    private var finished = false

    public init(sourceName: String, options: IngestOptions = IngestOptions()) {
        self.sourceName = sourceName
        self.options = options
        framer = Framer(maxRecordBytes: options.maxRecordBytes)
        tape = JSONTape(maxDepth: options.maxDepth)
        innerTape = JSONTape(maxDepth: options.maxDepth)
        mapper = FormatMapper(options: options)
    }

    /// Feed bytes as they arrive, in any chunking. Calls emit for each event, in order.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, emit: (NormalizedEvent) -> Void) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        finished = false
        let chunk = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        var pos = 0
        while true {
            switch framer.next(chunk, &pos) {
            case .needMore: return
            case .malformed: malformed += 1
            case .record: decodeRecord(emit: emit)
            }
        }
    }

    public mutating func feed(_ bytes: [UInt8], emit: (NormalizedEvent) -> Void) {
        bytes.withUnsafeBytes { feed($0, emit: emit) }
    }

    /// End of input (read-once sources): a final record without a trailing newline is parsed;
    /// a truncated one is malformed.
    public mutating func finish(emit: (NormalizedEvent) -> Void) {
        malformed += framer.finish()
        finished = true
    }

    /// The file was truncated or rotated: drop any partial record and restart shape sniffing,
    /// keep counters and dedupe state; line numbers restart at 1 and byte offsets at 0.
    public mutating func restart() {
        framer.reset()
        finished = false
    }

    /// Events, malformed and ignored records so far; `format` is the most common format seen.
    public var status: SourceStatus {
        var best: SourceFormat?
        var bestCount = 0
        for f in SourceFormat.allCases where formatCounts[Int(f.rawValue)] > bestCount {
            best = f
            bestCount = formatCounts[Int(f.rawValue)]
        }
        var s = SourceStatus(name: sourceName, format: best, events: events, malformed: malformed,
                             ignored: ignored, skipped: skipped, state: finished ? .finished : .following,
                             clockSkewed: clockSkewed)
        s.auditIDReused = mapper.auditIDReused
        return s
    }

    // MARK: Records

    private mutating func decodeRecord(emit: (NormalizedEvent) -> Void) {
        swap(&framer.record, &tape.input)
        let line = framer.recordLine
        // Where the record lies in the stream, for reading it back (`RecordReadBack`).
        let recordOffset = framer.recordOffset
        let recordLength = framer.recordLength
        guard tape.parse(), tape.kind(0) == .object else { malformed += 1; return }

        // {"Records":[…]} not caught by the streaming framer (e.g. `Records` not the first key).
        if tape.value(0, "eventVersion") == nil, let records = tape.value(0, "Records"), tape.kind(records) == .array {
            var offset = Int(tape.tokens[0].start)
            var lineAt = line
            for element in tape.elements(records) {
                let start = Int(tape.tokens[element].start)
                lineAt += Int64(tape.input[offset..<start].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 })
                offset = start
                // The element's end is not on the tape: length 0 (unknown) makes read-back find its close.
                let at = EventOrigin(source: sourceName, line: lineAt, offset: recordOffset + Int64(start), length: 0)
                if tape.kind(element) == .object { mapOne(element, at, inner: false, emit: emit) } else { malformed += 1 }
            }
            return
        }
        let origin = EventOrigin(source: sourceName, line: line, offset: recordOffset, length: recordLength)
        // EventBridge: the CloudTrail record is `.detail`.
        if tape.stringEquals(tape.value(0, "detail-type"), "AWS API Call via CloudTrail"),
           let detail = tape.value(0, "detail"), tape.kind(detail) == .object {
            mapOne(detail, origin, inner: false, emit: emit)
            return
        }
        // AKS diagnostic settings: `properties.log` is the audit event, as an object or a JSON string.
        if let log = tape.find(0, "properties", "log") {
            switch tape.kind(log) {
            case .object:
                mapOne(log, origin, inner: false, emit: emit)
            case .string:
                tape.decodedBytes(log, into: &nested)
                swap(&nested, &innerTape.input)
                if innerTape.parse(), innerTape.kind(0) == .object {
                    mapOne(0, origin, inner: true, emit: emit)
                } else {
                    malformed += 1
                }
            default:
                malformed += 1
            }
            return
        }
        mapOne(0, origin, inner: false, emit: emit)
    }

    private mutating func mapOne(_ root: Int, _ origin: EventOrigin, inner: Bool, emit: (NormalizedEvent) -> Void) {
        let result = inner ? mapper.map(innerTape, root, origin: origin) : mapper.map(tape, root, origin: origin)
        switch result {
        case .event(var event):
            // Every format's time passes here: outside the sane range it never reaches arithmetic.
            guard event.time.isSane else { malformed += 1; return }
            if let since = options.since, event.time < since {
                skipped += 1
                return
            }
            if skew.isSkewed(event.time, options: options) {
                event.clockSkewed = true
                clockSkewed += 1
            }
            if let rules = options.rules, !rules.isEmpty {
                event.ruleHits = TapeRecord.evaluate(rules, inner ? innerTape : tape, root, event)
            }
            events += 1
            formatCounts[Int(event.format.rawValue)] += 1
            emit(event)
        case .ignored:
            ignored += 1
        case .malformed:
            malformed += 1
        }
    }
}
