import Events

/// The pure half of a source's decoding: bytes in, one `RecordOutcome` per record out.
///
/// Framing (`Framer`) → a validating parse onto a reused tape (`JSONTape`) → unwrapping
/// (`{"Records":[…]}`, EventBridge, AKS) → format detection and mapping (`FormatMapper`) →
/// detection rules. It reads no state shared with other sources and nothing a record before
/// it decided (dedupe, clock, counts: `RecordAdmission`), so a block of a file can be decoded
/// on any thread, given a framer in the state a sequential read has at the block's start.
struct RecordDecoder {
    let sourceName: String
    let options: IngestOptions

    private var framer: Framer
    private var tape: JSONTape
    private var innerTape: JSONTape
    private var mapper: FormatMapper
    private var nested: [UInt8] = []

    /// A decoder at the start of a source: its shape is sniffed from the first bytes.
    init(sourceName: String, options: IngestOptions) {
        self.init(sourceName: sourceName, options: options,
                  framer: Framer(maxRecordBytes: options.maxRecordBytes))
    }

    /// A decoder starting at a line boundary of a JSON-lines source, at 1-based `line` and
    /// stream byte `offset`: from there on it decodes exactly as a sequential decoder whose
    /// `isAtCleanLineBoundary` held at that point.
    init(sourceName: String, options: IngestOptions, linesFrom line: Int64, offset: Int64) {
        self.init(sourceName: sourceName, options: options,
                  framer: Framer(maxRecordBytes: options.maxRecordBytes, linesFrom: line, offset: offset))
    }

    private init(sourceName: String, options: IngestOptions, framer: Framer) {
        self.sourceName = sourceName
        self.options = options
        self.framer = framer
        tape = JSONTape(maxDepth: options.maxDepth)
        innerTape = JSONTape(maxDepth: options.maxDepth)
        mapper = FormatMapper(options: options)
    }

    /// Between records of a JSON-lines source, just after a newline: a decoder made with
    /// `init(sourceName:options:linesFrom:offset:)` here would go on exactly as this one.
    var isAtCleanLineBoundary: Bool { framer.isAtCleanLineBoundary }

    /// Feeds bytes, in any chunking; `take` gets each record's outcome, in stream order.
    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ take: (consuming RecordOutcome) -> Void) {
        guard chunk.count > 0 else { return }
        var pos = 0
        while true {
            switch framer.next(chunk, &pos) {
            case .needMore: return
            case .malformed: take(.malformed(nil))
            case .record: decodeRecord(take)
            }
        }
    }

    /// End of input: how many records were cut short (each one malformed).
    mutating func finish() -> Int { framer.finish() }

    /// Drops any partial record and sniffs the shape again, at line 1 and byte 0.
    mutating func restart() { framer.reset() }

    // MARK: Records

    private mutating func decodeRecord(_ take: (consuming RecordOutcome) -> Void) {
        swap(&framer.record, &tape.input)
        let line = framer.recordLine
        // Where the record lies in the stream, for reading it back (`RecordReadBack`).
        let recordOffset = framer.recordOffset
        let recordLength = framer.recordLength
        guard tape.parse(), tape.kind(0) == .object else { take(.malformed(nil)); return }

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
                if tape.kind(element) == .object { mapOne(element, at, inner: false, take) } else { take(.malformed(nil)) }
            }
            return
        }
        let origin = EventOrigin(source: sourceName, line: line, offset: recordOffset, length: recordLength)
        // EventBridge: the CloudTrail record is `.detail`.
        if tape.stringEquals(tape.value(0, "detail-type"), "AWS API Call via CloudTrail"),
           let detail = tape.value(0, "detail"), tape.kind(detail) == .object {
            mapOne(detail, origin, inner: false, take)
            return
        }
        // AKS diagnostic settings: `properties.log` is the audit event, as an object or a JSON string.
        if let log = tape.find(0, "properties", "log") {
            switch tape.kind(log) {
            case .object:
                mapOne(log, origin, inner: false, take)
            case .string:
                tape.decodedBytes(log, into: &nested)
                swap(&nested, &innerTape.input)
                if innerTape.parse(), innerTape.kind(0) == .object {
                    mapOne(0, origin, inner: true, take)
                } else {
                    take(.malformed(nil))
                }
            default:
                take(.malformed(nil))
            }
            return
        }
        mapOne(0, origin, inner: false, take)
    }

    private mutating func mapOne(_ root: Int, _ origin: EventOrigin, inner: Bool, _ take: (consuming RecordOutcome) -> Void) {
        mapper.dedupeKey = nil
        let result = inner ? mapper.map(innerTape, root, origin: origin) : mapper.map(tape, root, origin: origin)
        let key = mapper.dedupeKey
        switch result {
        case .event(var event):
            // Every format's time passes here: outside the sane range it never reaches arithmetic.
            guard event.time.isSane else { take(.malformed(key)); return }
            if let since = options.since, event.time < since {
                take(.tooEarly(key))
                return
            }
            // Rules read the record and the mapped fields, never what admission sets
            // (`clockSkewed`), so they run here, on the decoding thread.
            if let rules = options.rules, !rules.isEmpty {
                event.ruleHits = TapeRecord.evaluate(rules, inner ? innerTape : tape, root, event)
            }
            take(.event(event, key))
        case .ignored:
            take(.ignored)
        case .malformed:
            take(.malformed(key))
        }
    }
}
