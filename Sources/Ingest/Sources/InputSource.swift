import Events

/// One input of the dashboard: a followed file, standard input, the demo generator, or a
/// file or directory read once (`.gz`, backfills), each with its own decoder (shape sniffing
/// and format state are per source; a directory has one per file).
/// `pump` does a bounded amount of work, so many sources and a huge backlog still leave
/// the loop free to draw and read keys.
public struct InputSource {
    enum Reader {
        case file(FileFollower)
        case stream(StreamReader)
        case demo(DemoTraffic)
        case once(ReadOnceSource)
        /// Only while `pump` works on a source, so its buffers are not copied on write.
        case taken
    }

    private var reader: Reader
    private var decoder: SourceDecoder
    private var demoBytes: [UInt8] = []
    public let name: String

    public static func file(_ path: String, options: IngestOptions = IngestOptions()) -> InputSource {
        InputSource(name: path, reader: .file(FileFollower(path: path)), options: options)
    }

    public static func standardInput(options: IngestOptions = IngestOptions()) -> InputSource {
        InputSource(name: "-", reader: .stream(StreamReader(fd: 0)), options: options)
    }

    /// A file or directory read once to its end, not followed: see `ReadOnceSource`.
    /// gzip is inflated (detected by its magic bytes); `status.state` is `.finished` at the end.
    public static func readOnce(_ path: String, options: IngestOptions = IngestOptions()) -> InputSource {
        InputSource(name: path, reader: .once(ReadOnceSource(path: path, options: options)), options: options)
    }

    /// The built-in demo: event time follows the wall clock passed to `pump(now:)`.
    /// `options` as for files: the demo's records meet the same detection rules.
    public static func demo(seed: UInt64, start: EventTime, backfillSeconds: Int64 = 600,
                            incidentEvery: Int64 = 180, options: IngestOptions = IngestOptions()) -> InputSource {
        var traffic = DemoTraffic(seed: seed, start: start, incidentEvery: incidentEvery)
        var source = InputSource(name: "demo", reader: .demo(traffic), options: options)
        traffic.backfill(seconds: backfillSeconds, into: &source.demoBytes)
        source.reader = .demo(traffic)
        return source
    }

    private init(name: String, reader: Reader, options: IngestOptions) {
        self.name = name
        self.reader = reader
        decoder = SourceDecoder(sourceName: name, options: options)
    }

    /// Reads and decodes at most about `maxBytes`, emitting events in order.
    /// Returns the bytes consumed (0 when idle).
    @discardableResult
    public mutating func pump(maxBytes: Int, now: EventTime, emit: (NormalizedEvent) -> Void) -> Int {
        switch reader {
        case var .file(follower):
            // `.taken` while it works, and the decoder fed in place: a second reference would
            // make the first write copy the 256 KiB read buffer (and the decoder's), on every
            // tick, even one that reads nothing.
            reader = .taken
            let n = follower.poll(maxBytes: maxBytes, onChange: { change in
                // A rotated file's unfinished last record is complete as far as it will ever be.
                if change == .rotated { self.decoder.finish(emit: emit) }
                self.decoder.restart()
            }, onBytes: { self.decoder.feed($0, emit: emit) })
            reader = .file(follower)
            return n
        case var .stream(stream):
            reader = .taken
            let n = stream.poll(maxBytes: maxBytes) { self.decoder.feed($0, emit: emit) }
            if stream.atEnd { decoder.finish(emit: emit) }
            reader = .stream(stream)
            return n
        case .taken:
            return 0
        case var .demo(traffic):
            if demoBytes.isEmpty { traffic.generate(until: now, into: &demoBytes) }
            reader = .demo(traffic)
            let n = min(maxBytes, demoBytes.count)
            guard n > 0 else { return 0 }
            // Feed whole lines only: the demo writes one record per line.
            var cut = n
            if cut < demoBytes.count {
                while cut > 0 && demoBytes[cut - 1] != 10 { cut -= 1 }
                if cut == 0 { cut = n }
            }
            demoBytes.withUnsafeBytes { decoder.feed(UnsafeRawBufferPointer(rebasing: $0[0..<cut]), emit: emit) }
            demoBytes.removeFirst(cut)
            return cut
        case var .once(source):
            reader = .taken
            let n = source.pump(maxBytes: maxBytes, emit: emit)
            reader = .once(source)
            return n
        }
    }

    /// Counts and state for the header and `report`.
    public var status: SourceStatus {
        var s = decoder.status
        s.name = name
        switch reader {
        case let .file(f):
            if let problem = f.problem {
                s.state = f.isOpen ? .failed : (problem.contains("waiting") ? .waiting : .failed)
                s.message = problem
            } else {
                s.state = .following
            }
        case let .stream(r):
            s.state = r.atEnd ? .finished : .following
            if let p = r.problem { s.state = .failed; s.message = p }
        case .demo:
            s.state = .following
        case let .once(source):
            return source.status
        case .taken:
            break
        }
        return s
    }

    /// One status per file: a directory's files (finished and in progress, in path order);
    /// for any other source, just `status`. For `report`, which counts per file.
    public var fileStatuses: [SourceStatus] {
        if case let .once(source) = reader { return source.fileStatuses }
        return [status]
    }

    /// A read-once source has read everything it will; followed files, stdin and the demo never
    /// finish while followed (stdin does at its end).
    public var isFinished: Bool {
        switch reader {
        case let .once(source): source.isFinished
        case let .stream(r): r.atEnd
        default: false
        }
    }

    /// The files this source has read or is reading, to recognise a rotated name in a glob;
    /// `open` when the source holds it open now.
    var fileIdentities: [(id: FileIdentity, path: String, open: Bool)] {
        switch reader {
        case let .file(f): f.identity.map { [($0, f.path, true)] } ?? []
        case let .once(source): source.identities.map { ($0.id, $0.path, false) }
        default: []
        }
    }
}
