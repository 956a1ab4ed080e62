import Events

/// Reads inputs once, to their ends, decoding blocks of them on several threads, with
/// counts, dedupe, scores and the order of events exactly those of a sequential read.
///
/// How it stays exact:
/// - Every record is decoded by `RecordDecoder` (a function of its bytes) on some thread, and
///   admitted by `RecordAdmission` (dedupe, `--since`, clock skew, counts, emit) on the
///   caller's thread, in stream order, input after input: the state that spans records and
///   sources only ever sees them in the order a sequential read would.
/// - An input's first block is decoded by a fresh decoder, as a sequential read starts it. A
///   later block is decoded ahead by a decoder started at its first line as JSON lines. The
///   merge keeps that result only if the decoder of the blocks before it is at a clean line
///   boundary after them (`Framer.isAtCleanLineBoundary`): there a sequential framer is in
///   exactly that state. Otherwise (pretty-printed JSON, a `{"Records":[…]}` file, a top-level
///   array, a line longer than a block) the result is dropped and the block's bytes are fed,
///   on the merging thread, to the decoder that holds the true state, which goes on.
/// - An input's last decoder finishes it (a record cut short at the end is malformed).
/// An input's statuses, identities and problems are those `ReadOnceSource` reports.
final class ParallelReadOnce: @unchecked Sendable {
    // @unchecked: used by one thread at a time (the owner's); its threads share only `pipeline`.
    let inputs: [ReadInput]
    let options: IngestOptions
    let threads: Int
    let blockBytes: Int

    private var pipeline: DecodePipeline?
    private var done = false
    /// The input being merged: its admission and the decoder holding its true state.
    private var current: (input: Int, admission: RecordAdmission, decoder: RecordDecoder)?
    private(set) var completed: [SourceStatus] = []
    /// Each input read to its end, with its file's identity, when it had one.
    private(set) var identities: [(id: FileIdentity, path: String)] = []
    /// Blocks decoded ahead and kept, and blocks decoded again (or only) in order by the merge.
    private(set) var blocksKept = 0
    private(set) var blocksInOrder = 0

    /// `threads` (at least 2) decode: `threads - 1` workers and the caller's thread, which
    /// also merges; one more thread reads (and inflates) the inputs.
    init(inputs: [ReadInput], options: IngestOptions, threads: Int, blockBytes: Int) {
        self.inputs = inputs
        self.options = options
        self.threads = max(2, threads)
        self.blockBytes = max(1, blockBytes)
    }

    deinit { pipeline?.cancel() }

    var isFinished: Bool { done }

    /// The input being merged, as far as it has been, `.following`.
    var currentStatus: SourceStatus? {
        current.map { $0.admission.status(name: inputs[$0.input].name, finished: false) }
    }

    /// Merges blocks in order, emitting their events, until about `maxBytes` of input or
    /// `maxInputs` inputs ended, or all is read; a block may be merged over several calls, so
    /// one call's work stays bounded (the dashboard's ingest slices). Waits for the next block
    /// when it is not decoded yet. Returns the bytes merged.
    @discardableResult
    func pump(maxBytes: Int, maxInputs: Int = .max, emit: (NormalizedEvent) -> Void) -> Int {
        guard !done else { return 0 }
        if pipeline == nil {
            // Enough blocks in flight for every thread to hold one with one more waiting each,
            // but not more than about 64 MB of them on a machine of many cores.
            let window = min(2 * threads + 2, max(4, (64 << 20) / blockBytes))
            let p = DecodePipeline(inputs: inputs, options: options, window: window)
            _ = p.start(workers: threads - 1, blockBytes: blockBytes)
            pipeline = p
        }
        var total = 0
        var ended = 0
        while total < maxBytes && ended < maxInputs {
            if pending == nil {
                guard let result = pipeline!.next() else {
                    done = true
                    pipeline = nil
                    break
                }
                begin(result)
            }
            let step = advance(budget: maxBytes - total, mayExceed: total == 0, emit: emit)
            total += step.bytes
            if step.endedInput { ended += 1 }
            if step.bytes == 0 && !step.endedInput && pending != nil { break }  // the budget is smaller than one record
        }
        return total
    }

    // MARK: Merging

    /// The block being merged: its decoded-ahead outcomes (`kept`), or its bytes fed in order
    /// to the decoder holding the true state; `done` outcomes or bytes so far.
    private var pending: (block: DecodedBlock, kept: Bool, done: Int, bytesDone: Int)?

    /// Decides how a block is merged. Kept when decoded ahead from a state the true decoder
    /// is in: an input's first block (a fresh decoder), or a block after a clean line boundary.
    private func begin(_ result: consuming DecodedBlock) {
        let block = result.block
        var kept = false
        if block.isFirst {
            // Always decoded ahead, by a fresh decoder: what a sequential read starts with.
            current = (block.input, RecordAdmission(options: options), result.decoder!)
            kept = true
        } else if let ahead = result.decoder, current!.decoder.isAtCleanLineBoundary {
            current!.decoder = ahead
            kept = true
        }
        result.decoder = nil
        if kept { blocksKept += 1 } else { blocksInOrder += 1 }
        pending = (result, kept, 0, 0)
    }

    /// Merges at most `budget` bytes' worth of the pending block (at least one record when
    /// `mayExceed`): the bytes merged, and whether that ended its input.
    private func advance(budget: Int, mayExceed: Bool, emit: (NormalizedEvent) -> Void) -> (bytes: Int, endedInput: Bool) {
        var p = pending.take()!
        var state = current.take()!
        let size = p.block.block.bytes.count
        var merged: Int
        if p.kept {
            // An outcome stands for its share of the block's bytes.
            let n = p.block.outcomes.count
            let fits = min(n, (p.bytesDone + budget) * n / max(1, size))
            let upTo = n == 0 ? 0 : mayExceed ? max(p.done + 1, fits) : max(p.done, fits)
            p.block.outcomes.withUnsafeMutableBufferPointer { outcomes in
                for i in p.done..<upTo {
                    // Moved out (the slot is re-filled below), so no event is copied or retained again.
                    state.admission.admit((outcomes.baseAddress! + i).move(), emit: emit)
                    (outcomes.baseAddress! + i).initialize(to: .ignored)
                }
            }
            p.done = upTo
            let bytesDone = p.done == n ? size : size * p.done / max(1, n)
            merged = bytesDone - p.bytesDone
            p.bytesDone = bytesDone
        } else {
            let upTo = min(size, p.bytesDone + max(1, budget))
            p.block.block.bytes.withUnsafeBufferPointer { bytes in
                let chunk = UnsafeBufferPointer(rebasing: bytes[p.bytesDone..<upTo])
                state.decoder.feed(chunk) { state.admission.admit($0, emit: emit) }
            }
            merged = upTo - p.bytesDone
            p.bytesDone = upTo
        }
        guard p.bytesDone >= size && (!p.kept || p.done == p.block.outcomes.count) else {
            pending = p
            current = state
            return (merged, false)
        }
        let block = p.block.block
        if block.isLast {
            state.admission.malformed += state.decoder.finish()
            var status = state.admission.status(name: inputs[block.input].name, finished: true)
            if let problem = block.problem {
                status.state = .failed
                status.message = problem
            }
            completed.append(status)
            if let id = block.identity { identities.append((id, inputs[block.input].name)) }
        } else {
            pipeline?.setSpeculation(input: block.input, clean: state.decoder.isAtCleanLineBoundary)
            current = state
        }
        return (merged, block.isLast)
    }
}
