import FuzzSupport

/// Decoded events folded by ActivityAggregator (seeds: everything the others use).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzHarness.aggregate(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

runFuzzer()
