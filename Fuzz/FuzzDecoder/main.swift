import FuzzSupport

/// The shape sniffer and decoder on any bytes (seeds: the whole corpus and `nhitop sample`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzHarness.decode(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

runFuzzer()
