// The byte-at-a-time `Framer` as it was before the word-wide scan (commit 7395d07), kept
// verbatim but renamed: the oracle `FramerEquivalenceTests` compares the fast framer with.
// Do not optimise it; it is the specification by example.

/// Splits a byte stream, fed in arbitrary chunks, into JSON records.
///
/// It never splits on lines alone: it tracks brace depth and string/escape state, which
/// covers every shape nhitop reads with one scanner:
///
/// | shape | how it is recognised |
/// |---|---|
/// | JSON lines | top-level objects; the first record closed on the line it opened on |
/// | concatenated pretty objects (`jq .`) | top-level objects spanning lines |
/// | `{"Records":[…]}` | an object whose first key is `Records` holding an array: elements stream out one by one |
/// | top-level array (pretty or not) | a `[` between records: elements stream out one by one |
/// | prefixed lines (`opa_1  \| {…}`) | bytes before the first `{` of a line are skipped; the source is then line-based |
/// | bracketed prefixes (`[2026-11-29 10:00:00] {…}`, `[notice] {…}`) | a top-level `[` whose first element is a scalar is held undecided until its `]`: followed on the line by `{` or `[`, it was a prefix; else an array of scalars (one malformed per element, as before) |
///
/// Resynchronisation after damage:
/// * a raw newline inside a string (illegal in JSON) ends the record as malformed;
/// * in a line-based source, a newline inside an open object ends it as malformed (truncated line);
/// * in any top-level object shape, a `{` in column 1 while an object is open starts a new record
///   and the open one is malformed (pretty printers indent nested objects).
///
/// A record larger than `maxRecordBytes` is still tracked structurally but no longer buffered,
/// and is reported malformed when it ends: memory stays bounded whatever the input.
struct ReferenceFramer {
    enum Step: Equatable {
        /// The chunk is consumed; feed more.
        case needMore
        /// A complete record is in `record`, starting on `recordLine`.
        case record
        /// One malformed record (truncated, oversized, stray text) was dropped.
        case malformed
    }

    private enum Mode {
        /// Between top-level records.
        case gap
        /// Inside a top-level object.
        case object
        /// Inside a top-level array (or the `Records` array of a wrapper), between elements.
        case arrayGap
        /// Inside one element (object or array) of an array.
        case element
        /// Skipping a scalar array element.
        case scalar
        /// After the `Records` array closed: skipping to the end of the wrapper object.
        case wrapperTail
        /// The first bytes of a top-level object: is it `{ "Records" : [` ?
        case wrapperSniff
        /// A top-level `[` whose first element is a scalar: a JSON array of scalars, or a
        /// bracketed line prefix (`[notice] {…}`)? Decided at its `]` by what follows.
        case bracketSniff
    }

    private enum Shape { case unknown, lines, pretty }

    /// The bytes of the last complete record (valid after `.record` until the next call).
    var record: [UInt8] = []
    /// 1-based line on which the last record started.
    private(set) var recordLine: Int64 = 1
    /// Byte offset (in the stream fed since the last reset) of the last record's first byte,
    /// and its length once complete: where `RecordReadBack` finds it again.
    private(set) var recordOffset: Int64 = 0
    private(set) var recordLength: Int32 = 0
    var maxRecordBytes: Int

    private var mode: Mode = .gap
    private var shape: Shape = .unknown
    private var line: Int64 = 1
    /// Stream offset of the current chunk's first byte: advanced once per chunk (at `.needMore`,
    /// when the chunk is consumed), so a record's offset is one add at its start.
    private var chunkBase: Int64 = 0
    private var atLineStart = true
    private var depth = 0
    private var inString = false
    private var escape = false
    private var recordHasNewline = false
    private var oversize = false
    /// Non-blank text seen on the current line outside any record (a prefix, or junk).
    private var gapText = false
    /// A record ended on the current line (so trailing text is not junk).
    private var recordEndedOnLine = false
    private var inWrapper = false
    /// Progress matching `{ "Records" : [` at the start of a top-level object (0 = off).
    private var wrapperMatch = 0
    private var wrapperKeyIndex = 0
    /// A top-level array just opened: no element seen yet.
    private var arrayFresh = false
    /// `.bracketSniff`: scalar elements so far (top-level commas + 1), and whether `]` was seen.
    private var bracketElements = 0
    private var bracketClosed = false
    /// Malformed records decided at once (the elements of a scalar array), reported one per call.
    private var pendingMalformed = 0

    init(maxRecordBytes: Int) {
        self.maxRecordBytes = max(2, maxRecordBytes)
    }

    /// A framer that starts at a line boundary inside a source already known to be JSON lines,
    /// at 1-based `line` and stream byte `offset`: what a sequential framer is at that point
    /// when `isAtCleanLineBoundary` held there. Parallel decoding starts each chunk with one.
    init(maxRecordBytes: Int, linesFrom line: Int64, offset: Int64) {
        self.init(maxRecordBytes: maxRecordBytes)
        shape = .lines
        self.line = line
        chunkBase = offset
    }

    /// True between records of a JSON-lines source, just after a newline, with nothing pending:
    /// a framer made with `init(maxRecordBytes:linesFrom:offset:)` at this point behaves exactly
    /// as this one from here on.
    var isAtCleanLineBoundary: Bool {
        mode == .gap && shape == .lines && atLineStart && !gapText && !recordEndedOnLine
            && pendingMalformed == 0 && !inWrapper && !arrayFresh
    }

    /// Drops any partial record and starts sniffing again at line 1, byte 0.
    mutating func reset() {
        let limit = maxRecordBytes
        let buffer = record
        self = ReferenceFramer(maxRecordBytes: limit)
        record = buffer
        record.removeAll(keepingCapacity: true)
    }

    /// Advances through `chunk` from `pos` until a record completes, a malformed record is
    /// dropped, or the chunk is consumed.
    mutating func next(_ chunk: UnsafeBufferPointer<UInt8>, _ pos: inout Int) -> Step {
        let n = chunk.count
        if pendingMalformed > 0 {
            pendingMalformed -= 1
            return .malformed
        }
        while pos < n {
            switch mode {
            case .object, .element:
                switch scanRecord(chunk, &pos) {
                case .needMore:
                    chunkBase += Int64(n)
                    return .needMore
                case .complete:
                    recordLength = Int32(clamping: chunkBase + Int64(pos) - recordOffset)
                    if mode == .object {
                        mode = .gap
                        recordEndedOnLine = true
                        if shape == .unknown { shape = recordHasNewline ? .pretty : .lines }
                    } else {
                        mode = .arrayGap
                    }
                    return oversize ? .malformed : .record
                case .broken:
                    // Truncated line or raw newline in a string: the newline was consumed.
                    mode = inArrayContext ? .arrayGap : .gap
                    if mode == .gap { gapText = false; recordEndedOnLine = false }
                    return .malformed
                case .resync:
                    // A `{` in column 1 inside an open top-level object: that object is truncated.
                    startRecord(at: line, offset: chunkBase + Int64(pos))
                    record.append(0x7B)
                    pos += 1
                    atLineStart = false
                    mode = .object
                    return .malformed
                }
            case .gap:
                let c = chunk[pos]
                pos += 1
                switch c {
                case 0x0A:
                    line += 1
                    atLineStart = true
                    let junk = gapText && !recordEndedOnLine
                    gapText = false
                    recordEndedOnLine = false
                    if junk { return .malformed }
                case 0x20, 0x09, 0x0D:
                    atLineStart = false
                case 0x7B:  // {
                    if gapText, !recordEndedOnLine, shape == .unknown { shape = .lines }  // a prefixed line
                    startRecord(at: line, offset: chunkBase + Int64(pos - 1))
                    record.append(c)
                    mode = .wrapperSniff
                    wrapperMatch = 1
                    wrapperKeyIndex = 0
                    gapText = false
                    atLineStart = false
                case 0x5B where !gapText && !recordEndedOnLine:  // [ opening a top-level array
                    mode = .arrayGap
                    inWrapper = false
                    arrayFresh = true
                    atLineStart = false
                default:
                    if !(c == 0xEF || c == 0xBB || c == 0xBF) || line > 1 { gapText = true }  // tolerate a BOM
                    atLineStart = false
                }
            case .arrayGap:
                let c = chunk[pos]
                switch c {
                case 0x0A:
                    line += 1; atLineStart = true; pos += 1
                case 0x20, 0x09, 0x0D, 0x2C:
                    atLineStart = false; pos += 1
                case 0x7B, 0x5B:
                    startRecord(at: line, offset: chunkBase + Int64(pos))
                    record.append(c)
                    depth = 1
                    arrayFresh = false
                    mode = .element
                    atLineStart = false
                    pos += 1
                case 0x5D:  // ]
                    pos += 1
                    atLineStart = false
                    arrayFresh = false
                    if inWrapper {
                        inWrapper = false
                        mode = .wrapperTail
                        depth = 1
                        inString = false
                        escape = false
                    } else {
                        mode = .gap
                        recordEndedOnLine = true
                    }
                case 0x22, 0x2D, 0x30...0x39, 0x74, 0x66, 0x6E:
                    if arrayFresh {
                        // `[2026-…`, `[notice]`, `["x", …]`: a prefix or an array of scalars; hold it.
                        arrayFresh = false
                        mode = .bracketSniff
                        bracketElements = 1
                        bracketClosed = false
                        depth = 0
                        inString = false
                        escape = false
                        continue
                    }
                    // A scalar element: not a record.
                    mode = .scalar
                    inString = c == 0x22
                    escape = false
                    pos += 1
                    atLineStart = false
                    return .malformed
                default:
                    // Not an array of records after all (e.g. a "[INFO] {...}" prefix): treat as text.
                    arrayFresh = false
                    mode = .gap
                    inWrapper = false
                    gapText = true
                    recordEndedOnLine = false
                    pos += 1
                    atLineStart = false
                }
            case .scalar:
                let c = chunk[pos]
                pos += 1
                if c == 0x0A { line += 1; atLineStart = true } else { atLineStart = false }
                if inString {
                    if escape { escape = false } else if c == 0x5C { escape = true } else if c == 0x22 { inString = false }
                } else if c == 0x2C {
                    mode = .arrayGap
                } else if c == 0x5D {
                    pos -= 1
                    mode = .arrayGap
                }
            case .wrapperSniff:
                let c = chunk[pos]
                let before = wrapperMatch
                wrapperStep(c)
                if wrapperMatch == 0 {
                    // An ordinary object: hand the byte to the record scanner in the right state.
                    mode = .object
                    depth = 1
                    inString = before == 2
                    escape = false
                    continue
                }
                pos += 1
                record.append(c)
                if c == 0x0A { line += 1; atLineStart = true; recordHasNewline = true } else { atLineStart = false }
                if wrapperMatch == 7 {
                    // `{ "Records" : [` recognised: stream the array's elements as records.
                    wrapperMatch = 0
                    record.removeAll(keepingCapacity: true)
                    mode = .arrayGap
                    inWrapper = true
                }
            case .bracketSniff:
                if let step = bracketStep(chunk[pos], &pos) { return step }
            case .wrapperTail:
                let c = chunk[pos]
                pos += 1
                if c == 0x0A { line += 1; atLineStart = true } else { atLineStart = false }
                if inString {
                    if escape { escape = false } else if c == 0x5C { escape = true } else if c == 0x22 { inString = false }
                } else if c == 0x22 {
                    inString = true
                } else if c == 0x7B || c == 0x5B {
                    depth += 1
                } else if c == 0x7D || c == 0x5D {
                    depth -= 1
                    if depth == 0 { mode = .gap; recordEndedOnLine = true }
                }
            }
        }
        chunkBase += Int64(n)
        return .needMore
    }

    private var inArrayContext: Bool { mode == .element }

    /// One byte of `.bracketSniff`. Before the `]`: strings, nesting and top-level commas are
    /// tracked; an object at the top level means a real array holding records (its scalars so far
    /// are malformed, the object is streamed as an element). After the `]`: spaces are skipped;
    /// `{` or `[` next on the line means the brackets were a prefix (the line is then a prefixed
    /// line); anything else ends an array of scalars, one malformed per element.
    private mutating func bracketStep(_ c: UInt8, _ pos: inout Int) -> Step? {
        if bracketClosed {
            switch c {
            case 0x20, 0x09, 0x0D:
                pos += 1
                return nil
            case 0x7B, 0x5B:
                mode = .gap
                gapText = true
                recordEndedOnLine = false
                return nil  // the byte is the gap's: a prefixed line
            default:
                mode = .gap
                recordEndedOnLine = true
                return scalarsMalformed()  // the byte is the gap's
            }
        }
        pos += 1
        if c == 0x0A { line += 1; atLineStart = true } else { atLineStart = false }
        if inString {
            if c == 0x0A {
                // No JSON string holds a raw newline: the line was cut short (a writer dying
                // mid-record, or bytes chosen to leave a quote open). The line is one malformed
                // record and the next line starts afresh; carrying the open quote on would
                // read every later record as the inside of a string, and count nothing.
                inString = false
                escape = false
                bracketElements = 0
                mode = .gap
                gapText = false
                recordEndedOnLine = false
                return .malformed
            }
            if escape { escape = false } else if c == 0x5C { escape = true } else if c == 0x22 { inString = false }
            return nil
        }
        switch c {
        case 0x22: inString = true
        case 0x5B: depth += 1
        case 0x7B where depth == 0:
            pos -= 1
            mode = .arrayGap
            return scalarsMalformed()
        case 0x2C where depth == 0: bracketElements += 1
        case 0x5D:
            if depth == 0 { bracketClosed = true } else { depth -= 1 }
        default: break
        }
        return nil
    }

    private mutating func scalarsMalformed() -> Step? {
        guard bracketElements > 0 else { return nil }
        pendingMalformed = bracketElements - 1
        bracketElements = 0
        return .malformed
    }

    /// End of input: how many records were cut short or never ended (an open object, a
    /// prefix line with no record, an array of scalars: one per element), counted once.
    mutating func finish() -> Int {
        defer {
            let limit = maxRecordBytes
            let buffer = record
            let keepLine = line
            let keepBase = chunkBase
            self = ReferenceFramer(maxRecordBytes: limit)
            record = buffer
            line = keepLine
            chunkBase = keepBase
        }
        let pending = pendingMalformed
        switch mode {
        case .object, .element, .wrapperSniff:
            return pending + 1
        case .bracketSniff:
            return pending + bracketElements
        case .gap:
            return pending + (gapText && !recordEndedOnLine ? 1 : 0)
        default:
            return pending
        }
    }

    private mutating func startRecord(at line: Int64, offset: Int64) {
        record.removeAll(keepingCapacity: true)
        recordLine = line
        recordOffset = offset
        depth = 1
        inString = false
        escape = false
        recordHasNewline = false
        oversize = false
    }

    private enum ScanEnd { case needMore, complete, broken, resync }

    /// The hot loop: scans record bytes until the record closes, breaks, or the chunk ends,
    /// appending what it consumed (while under the size limit).
    private mutating func scanRecord(_ p: UnsafeBufferPointer<UInt8>, _ pos: inout Int) -> ScanEnd {
        let n = p.count
        let start = pos
        var i = pos
        var end = ScanEnd.needMore
        let lineBased = mode == .object && shape == .lines
        let columnResync = mode == .object
        var depth = self.depth
        var inString = self.inString
        var escape = self.escape
        var atLineStart = self.atLineStart
        var appendEnd = -1
        scan: while i < n {
            let c = p[i]
            if inString {
                if c == 0x0A {
                    line += 1
                    atLineStart = true
                    i += 1
                    appendEnd = i - 1
                    end = .broken
                    break scan
                }
                if escape {
                    escape = false
                } else if c == 0x5C {
                    escape = true
                } else if c == 0x22 {
                    inString = false
                }
                atLineStart = false
                i += 1
                continue
            }
            switch c {
            case 0x22:
                inString = true
            case 0x7B, 0x5B:
                if c == 0x7B, atLineStart, columnResync {
                    appendEnd = i
                    end = .resync
                    break scan
                }
                depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 {
                    i += 1
                    end = .complete
                    break scan
                }
            case 0x0A:
                line += 1
                i += 1
                if lineBased {
                    appendEnd = i - 1
                    end = .broken
                    break scan
                }
                recordHasNewline = true
                atLineStart = true
                continue
            default:
                break
            }
            atLineStart = false
            i += 1
        }
        let stop = appendEnd >= 0 ? appendEnd : i
        if !oversize, stop > start {
            if record.count + (stop - start) > maxRecordBytes {
                oversize = true
                record.removeAll(keepingCapacity: true)
            } else {
                record.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<stop]))
            }
        }
        pos = i
        self.depth = depth
        self.inString = inString
        self.escape = escape
        self.atLineStart = atLineStart
        if end == .resync {
            // The `{` at `i` is not consumed: it opens the next record.
            return .resync
        }
        return end
    }

    /// Matches `{ ws "Records" ws : ws [` byte by byte (states 1...6, 7 = matched, 0 = no).
    private mutating func wrapperStep(_ c: UInt8) {
        guard wrapperMatch > 0, wrapperMatch < 7 else { return }
        let ws = c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09
        let key: [UInt8] = [0x52, 0x65, 0x63, 0x6F, 0x72, 0x64, 0x73]  // Records
        switch wrapperMatch {
        case 1:  // before the key's opening quote
            if ws { return }
            wrapperMatch = c == 0x22 ? 2 : 0
        case 2:  // inside the key
            if wrapperKeyIndex < key.count {
                if c == key[wrapperKeyIndex] { wrapperKeyIndex += 1 } else { wrapperMatch = 0 }
            } else {
                wrapperMatch = c == 0x22 ? 3 : 0
            }
        case 3:  // before ':'
            if ws { return }
            wrapperMatch = c == 0x3A ? 4 : 0
        case 4:  // before '['
            if ws { return }
            wrapperMatch = c == 0x5B ? 7 : 0
        default:
            wrapperMatch = 0
        }
    }
}
