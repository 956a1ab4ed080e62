/// A block as the workers left it: decoded ahead of its turn by a decoder of its own, or not
/// (it must then be decoded in order, by the decoder that read the block before it).
struct DecodedBlock: Sendable {
    var block: Block
    /// The decoder after the block's last byte; nil when the block was not decoded ahead.
    var decoder: RecordDecoder?
    var outcomes: [RecordOutcome]
}

/// The threads of a parallel read and what they share: one producer reads the inputs into
/// blocks (`BlockReader`), workers decode them ahead of their turn, and the caller's thread
/// takes the results in block order (`next`), helping decode while it would otherwise wait.
///
/// At most `window` blocks are between the producer and the merge, so memory stays bounded
/// whatever the input's size. A block after an input's first is decoded ahead only when it
/// starts at a line and the merge has not found that input off its lines (`setSpeculation`):
/// other blocks would be decoded for nothing and then again in order.
final class DecodePipeline: @unchecked Sendable {
    // @unchecked: every field below `lock` is read and written only with it held.
    let inputs: [ReadInput]
    let options: IngestOptions
    let window: Int
    private let lock = ConditionLock()

    private var queue: [Block] = []
    private var ready: [DecodedBlock?]
    /// Blocks handed to the queue, and taken by the merge: at most `window` apart.
    private var produced = 0
    private var merged = 0
    private var producerDone = false
    private var cancelled = false
    /// The input whose later blocks are not decoded ahead (-1: none).
    private var inOrderInput = -1
    /// Set when no producer thread could start: the caller's thread reads the blocks itself.
    private var inlineReader: BlockReader?

    init(inputs: [ReadInput], options: IngestOptions, window: Int) {
        self.inputs = inputs
        self.options = options
        self.window = max(2, window)
        ready = Array(repeating: nil, count: self.window)
    }

    /// Starts the producer and `workers` decoding threads. A thread the system refuses is
    /// not needed for the result: the caller's thread decodes what no worker takes, and it
    /// reads the inputs itself if the producer cannot start.
    func start(workers: Int, blockBytes: Int) -> Bool {
        guard Threads.detach({ [self] in produce(BlockReader(inputs: inputs, blockBytes: blockBytes)) }) else {
            inlineReader = BlockReader(inputs: inputs, blockBytes: blockBytes)
            return false
        }
        for _ in 0..<workers {
            guard Threads.detach({ [self] in work() }) else { break }
        }
        return true
    }

    /// Stops the threads after their current block; what they still hold is dropped.
    func cancel() {
        lock.withLock {
            cancelled = true
            queue.removeAll()
            lock.broadcast()
        }
    }

    /// The next block in order, decoded ahead or not; nil after the last. Blocks until it is ready.
    func next() -> DecodedBlock? {
        if inlineReader != nil {
            guard var block = inlineReader!.next() else { return nil }
            block.seq = produced
            produced += 1
            return Self.decode(block, speculate: block.isFirst, name: inputs[block.input].name, options: options)
        }
        lock.lock()
        defer { lock.unlock() }
        while true {
            let slot = merged % window
            if let result = ready[slot] {
                ready[slot] = nil
                merged += 1
                lock.broadcast()  // room for the producer
                return result
            }
            if producerDone && merged == produced { return nil }
            if !queue.isEmpty {
                // Rather than wait: decode the oldest queued block here (often the very one needed).
                let block = queue.removeFirst()
                let speculate = mayDecodeAhead(block)
                lock.unlock()
                let result = Self.decode(block, speculate: speculate, name: inputs[block.input].name, options: options)
                lock.lock()
                ready[result.block.seq % window] = result
                lock.broadcast()
                continue
            }
            lock.wait()
        }
    }

    /// The merge found `input`'s decoder (after the blocks merged so far) at a clean line
    /// boundary or not: not, and its blocks now queued are left to be decoded in order.
    func setSpeculation(input: Int, clean: Bool) {
        lock.withLock {
            if !clean {
                inOrderInput = input
            } else if inOrderInput == input {
                inOrderInput = -1
            }
        }
    }

    // MARK: Threads

    private func produce(_ reader: BlockReader) {
        var reader = reader
        while true {
            lock.lock()
            while produced - merged >= window && !cancelled { lock.wait() }
            let stop = cancelled
            lock.unlock()
            if stop { reader.close(); return }
            let block = reader.next()
            lock.lock()
            if var block, !cancelled {
                block.seq = produced
                produced += 1
                queue.append(block)
            } else {
                producerDone = true
            }
            lock.broadcast()
            let done = producerDone || cancelled
            lock.unlock()
            if done { reader.close(); return }
        }
    }

    private func work() {
        lock.lock()
        while true {
            if cancelled || (queue.isEmpty && producerDone) { break }
            if queue.isEmpty {
                lock.wait()
                continue
            }
            let block = queue.removeFirst()
            let speculate = mayDecodeAhead(block)
            lock.unlock()
            let result = Self.decode(block, speculate: speculate, name: inputs[block.input].name, options: options)
            lock.lock()
            if !cancelled { ready[result.block.seq % window] = result }
            lock.broadcast()
        }
        lock.unlock()
    }

    /// With the lock held.
    private func mayDecodeAhead(_ block: Block) -> Bool {
        block.isFirst || (block.startsAtLineStart && block.input != inOrderInput)
    }

    /// Decodes a block with a decoder of its own: fresh at an input's start, else started at
    /// the block's line boundary as a JSON-lines source. The merge decides whether it stands.
    static func decode(_ block: Block, speculate: Bool, name: String, options: IngestOptions) -> DecodedBlock {
        guard speculate else { return DecodedBlock(block: block, decoder: nil, outcomes: []) }
        var decoder = block.isFirst
            ? RecordDecoder(sourceName: name, options: options)
            : RecordDecoder(sourceName: name, options: options, linesFrom: block.line, offset: block.offset)
        var outcomes: [RecordOutcome] = []
        block.bytes.withUnsafeBufferPointer { bytes in
            decoder.feed(bytes) { outcomes.append($0) }
        }
        return DecodedBlock(block: block, decoder: decoder, outcomes: outcomes)
    }
}
