/// One input of a parallel read: a file, or an open descriptor (standard input for `-`).
enum ReadInput: Sendable {
    case path(String)
    case descriptor(Int32, name: String)

    var name: String {
        switch self {
        case let .path(p): p
        case let .descriptor(_, name): name
        }
    }
}

/// A piece of one input, as the producer cut it: whole lines where the input has them.
struct Block: Sendable {
    /// Position in the run's sequence of blocks: the merge takes them in this order.
    var seq = 0
    /// Which input (index into the run's inputs).
    let input: Int
    var bytes: [UInt8]
    /// The input's first block: decoded by a fresh decoder, which sniffs the shape.
    let isFirst: Bool
    /// The input's last block: its decoder finishes after it.
    let isLast: Bool
    /// The block before ended with a newline (or this is the first): a lines-shaped framer may start here.
    let startsAtLineStart: Bool
    /// 1-based line number and stream byte offset of the first byte (after gzip inflation).
    let line: Int64
    let offset: Int64
    /// With the last block: the read's problem (one line naming the file), and the file's identity.
    var problem: String?
    var identity: FileIdentity?
}

/// Reads the inputs one after another, in order, into blocks of about `blockBytes`, each cut
/// just after its last newline (the rest starts the input's next block). A block with no
/// newline at all (a line longer than a block) is cut where it is full; the next one then
/// does not start at a line, and is decoded in order by the merge.
/// gzip is inflated on the way (`OnceFileReader`), so offsets are in the inflated stream,
/// as a sequential read numbers them.
struct BlockReader {
    let inputs: [ReadInput]
    let blockBytes: Int

    private var index = 0
    private var reader: OnceFileReader?
    private var carry: [UInt8] = []
    private var line: Int64 = 1
    private var offset: Int64 = 0
    private var isFirst = true
    private var atLineStart = true

    init(inputs: [ReadInput], blockBytes: Int) {
        self.inputs = inputs
        self.blockBytes = max(1, blockBytes)
    }

    /// Closes the input being read (a read abandoned part way).
    mutating func close() {
        reader?.close()
        reader = nil
        index = inputs.count
    }

    /// The next block, or nil after the last input's last block.
    mutating func next() -> Block? {
        guard index < inputs.count else { return nil }
        if reader == nil {
            switch inputs[index] {
            case let .path(p): reader = OnceFileReader(path: p, chunkSize: min(blockBytes, 256 * 1024))
            case let .descriptor(fd, name): reader = OnceFileReader(fd: fd, name: name, chunkSize: min(blockBytes, 256 * 1024))
            }
            line = 1
            offset = 0
            isFirst = true
            atLineStart = true
            carry = []
        }
        var bytes = carry
        carry = []
        bytes.reserveCapacity(blockBytes)
        while bytes.count < blockBytes && !reader!.atEnd {
            reader!.poll(maxBytes: blockBytes - bytes.count) { bytes.append(contentsOf: $0) }
        }
        let atEnd = reader!.atEnd
        var nextAtLineStart = true
        if !atEnd {
            let cut = bytes.withUnsafeBufferPointer { ByteCount.lastNewline($0) }
            if let cut {
                if cut + 1 < bytes.count {
                    carry = Array(bytes[(cut + 1)...])
                    bytes.removeSubrange((cut + 1)...)
                }
            } else {
                nextAtLineStart = false
            }
        }
        var block = Block(input: index, bytes: bytes, isFirst: isFirst, isLast: atEnd,
                          startsAtLineStart: atLineStart, line: line, offset: offset)
        offset += Int64(bytes.count)
        line += Int64(bytes.withUnsafeBufferPointer { ByteCount.newlines($0) })
        isFirst = false
        atLineStart = nextAtLineStart
        if atEnd {
            block.problem = reader!.problem
            block.identity = reader!.identity
            reader!.close()
            reader = nil
            index += 1
        }
        return block
    }
}
