import CZlib

/// Streaming gzip (and zlib) decompression with bounded output per call.
///
/// `inflateInit2(15 + 32)` auto-detects the gzip or zlib header. Concatenated gzip members
/// (`cat a.gz b.gz`) are inflated one after another, as `gzip -d` does; zero bytes between or
/// after members (tape/block padding) are skipped. Errors never throw: `problem` says what went
/// wrong and at which compressed byte, and everything inflated before it has been handed out.
///
/// A class because zlib keeps a pointer back to its `z_stream`, which must not move.
final class GzipInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var output: [UInt8]
    private var ready = false
    /// Bytes of a member have been fed but its end has not been reached.
    private(set) var inMember = false
    /// The member ended; the next non-zero byte starts a new one (after `inflateReset`).
    private var memberEnded = false
    /// The last call filled its output budget, so zlib may hold more output without more input.
    private(set) var outputMayBePending = false
    /// Compressed bytes consumed so far, across members.
    private(set) var consumed: Int64 = 0
    /// Why inflation stopped (without the file name), or nil.
    private(set) var problem: String?

    init(outputChunk: Int = 64 * 1024) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = [UInt8](repeating: 0, count: outputChunk)
        if cz_inflateInit2(stream, 15 + 32) == Z_OK {
            ready = true
        } else {
            problem = "cannot start gzip decompression"
        }
    }

    deinit {
        if ready { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates from the front of `input`, handing at most about `maxOutput` decompressed bytes
    /// to `onBytes` in chunks. Returns the input bytes consumed and the output bytes produced.
    /// Call with an empty `input` while `outputMayBePending` to drain what zlib still holds.
    func inflate(_ input: UnsafeRawBufferPointer, maxOutput: Int,
                 onBytes: (UnsafeRawBufferPointer) -> Void) -> (consumed: Int, produced: Int) {
        guard problem == nil, maxOutput > 0 else { return (0, 0) }
        let count = input.count
        let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        var inPos = 0
        var produced = 0
        while produced < maxOutput {
            if inPos == count && !outputMayBePending { break }
            if !inMember {
                // Between members: skip zero padding; anything else starts the next member.
                while inPos < count && base![inPos] == 0 { inPos += 1; consumed += 1 }
                if inPos == count { break }
                if memberEnded {
                    inflateReset(stream)
                    memberEnded = false
                }
                inMember = true
            }
            let available = count - inPos
            stream.pointee.next_in = available > 0 ? UnsafeMutablePointer(mutating: base! + inPos) : nil
            stream.pointee.avail_in = UInt32(min(available, Int(UInt32.max)))
            let cap = min(output.count, maxOutput - produced)
            let (rc, out) = output.withUnsafeMutableBytes { buf -> (Int32, Int) in
                stream.pointee.next_out = buf.baseAddress!.assumingMemoryBound(to: UInt8.self)
                stream.pointee.avail_out = UInt32(cap)
                let rc = CZlib.inflate(stream, Z_NO_FLUSH)
                return (rc, cap - Int(stream.pointee.avail_out))
            }
            let used = min(available, Int(UInt32.max)) - Int(stream.pointee.avail_in)
            inPos += used
            consumed += Int64(used)
            outputMayBePending = out == cap
            if out > 0 {
                produced += out
                output.withUnsafeBytes { onBytes(UnsafeRawBufferPointer(rebasing: $0[0..<out])) }
            }
            switch rc {
            case Z_OK:
                if used == 0 && out == 0 { return (inPos, produced) }
            case Z_BUF_ERROR:
                // No progress possible without more input.
                outputMayBePending = false
                return (inPos, produced)
            case Z_STREAM_END:
                inMember = false
                memberEnded = true
                outputMayBePending = false
            case Z_MEM_ERROR:
                problem = "out of memory while decompressing gzip data"
                return (inPos, produced)
            default:
                // Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_ERROR: the data is not what it claims.
                var reason = ""
                if let msg = stream.pointee.msg { reason = " (" + String(cString: msg) + ")" }
                problem = "gzip data is corrupt at byte \(consumed)\(reason)"
                outputMayBePending = false
                return (inPos, produced)
            }
        }
        return (inPos, produced)
    }

    /// End of the compressed input: a member that started but did not end was truncated.
    func finish() {
        if problem == nil && inMember {
            problem = "gzip data is truncated at byte \(consumed)"
        }
    }
}
