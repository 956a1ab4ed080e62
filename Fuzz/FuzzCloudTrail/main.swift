import FuzzSupport

/// CloudTrail in every wrapper (seeds: corpus/cloudtrail and CloudTrail lines of `nhitop sample`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzHarness.decode(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

runFuzzer()
