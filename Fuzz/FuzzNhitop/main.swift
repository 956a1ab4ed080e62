import FuzzSupport

/// nhitop's own JSON lines (seeds: nhitop lines of `nhitop sample`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzHarness.decode(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

runFuzzer()
