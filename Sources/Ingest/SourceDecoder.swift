import Events

/// Turns the bytes of one source, fed in any chunking, into normalized events.
///
/// Two halves, run back to back on every record: `RecordDecoder` (framing, parsing,
/// unwrapping, format mapping, detection rules: a function of the record's bytes) and
/// `RecordAdmission` (the run's auditID dedupe, `--since`, the clock-skew check, the counts:
/// what depends on the records before). The parallel reader (`ParallelReadOnce`) runs the
/// same two halves on different threads, so both paths count alike.
/// Bad records are counted in `status`, never thrown: the source always continues.
public struct SourceDecoder: Sendable {
    public let sourceName: String
    public let options: IngestOptions

    // Optional only so `feed` can take it out while admission runs in its callback (two
    // stored properties of `self` cannot be borrowed by one closure and mutated at once).
    private var records: RecordDecoder?
    private var admission: RecordAdmission
    private var finished = false

    public init(sourceName: String, options: IngestOptions = IngestOptions()) {
        self.sourceName = sourceName
        self.options = options
        records = RecordDecoder(sourceName: sourceName, options: options)
        admission = RecordAdmission(options: options)
    }

    /// Feed bytes as they arrive, in any chunking. Calls emit for each event, in order.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, emit: (NormalizedEvent) -> Void) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        finished = false
        let chunk = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        var decoder = records.take()!
        decoder.feed(chunk) { admission.admit($0, emit: emit) }
        records = consume decoder
    }

    public mutating func feed(_ bytes: [UInt8], emit: (NormalizedEvent) -> Void) {
        bytes.withUnsafeBytes { feed($0, emit: emit) }
    }

    /// End of input (read-once sources): a final record without a trailing newline is parsed;
    /// a truncated one is malformed.
    public mutating func finish(emit: (NormalizedEvent) -> Void) {
        admission.malformed += records!.finish()
        finished = true
    }

    /// The file was truncated or rotated: drop any partial record and restart shape sniffing,
    /// keep counters and dedupe state; line numbers restart at 1 and byte offsets at 0.
    public mutating func restart() {
        records!.restart()
        finished = false
    }

    /// Events, malformed and ignored records so far; `format` is the most common format seen.
    public var status: SourceStatus { admission.status(name: sourceName, finished: finished) }
}
