import Events

extension InputSet {
    /// Reads every path to its end, without following, for headless commands (`report`, `export`).
    ///
    /// Paths are read one after another, in the order given, and events are emitted in order.
    /// - `-` is standard input, read until end of file (blocking; gzip on stdin is inflated too).
    /// - a glob (`*`, `?`, `[`, when no file has that literal name) is expanded once, sorted;
    ///   no match is one `.failed` status named by the pattern.
    /// - a directory is every file below it (see `ReadOnceSource`), one status per file.
    /// - a file is read to its end; gzip (magic `1f 8b`) is inflated.
    /// - a missing or unreadable path is a `.failed` status with a one-line message.
    ///
    /// With `options.decodeThreads` other than 1, files and standard input are decoded in blocks
    /// on several threads (`ParallelReadOnce`): the same events in the same order, the same statuses.
    ///
    /// Returns one status per file, in reading order; a read file is `.finished`, or `.failed`
    /// (keeping the counts of what was decoded before a problem such as corrupt gzip).
    public static func readAll(paths: [String], options: IngestOptions = IngestOptions(),
                               chunkBytes: Int = 4 << 20,
                               emit: (NormalizedEvent) -> Void) -> [SourceStatus] {
        // One Kubernetes auditID dedupe for the whole run: stages split by a rotation count once.
        var options = options
        if options.auditIDs == nil { options.auditIDs = AuditIDDedupe(capacity: options.dedupeCapacity) }
        var statuses: [SourceStatus] = []
        for path in paths {
            if path == "-" && options.resolvedDecodeThreads > 1 {
                let parallel = ParallelReadOnce(inputs: [.descriptor(0, name: "-")], options: options,
                                                threads: options.resolvedDecodeThreads, blockBytes: options.decodeBlockBytes)
                while !parallel.isFinished { parallel.pump(maxBytes: chunkBytes, emit: emit) }
                statuses += parallel.completed
                continue
            }
            if path == "-" {
                var reader = OnceFileReader(fd: 0, name: "-")
                var decoder = SourceDecoder(sourceName: "-", options: options)
                while !reader.atEnd {
                    reader.poll(maxBytes: chunkBytes) { decoder.feed($0, emit: emit) }
                }
                decoder.finish(emit: emit)
                var s = decoder.status
                if let p = reader.problem { s.state = .failed; s.message = p }
                statuses.append(s)
                continue
            }
            var targets = [path]
            if isGlob(path) {
                targets = expand(path)
                if targets.isEmpty {
                    statuses.append(SourceStatus(name: path, state: .failed, message: "\(path): no files match"))
                    continue
                }
            }
            for target in targets {
                var source = ReadOnceSource(path: target, options: options)
                while !source.isFinished {
                    source.pump(maxBytes: chunkBytes, emit: emit)
                }
                statuses += source.fileStatuses
            }
        }
        return statuses
    }
}

extension IngestOptions {
    /// `decodeThreads`, with 0 resolved to the active cores.
    var resolvedDecodeThreads: Int { decodeThreads > 0 ? decodeThreads : Threads.activeCores }
}
