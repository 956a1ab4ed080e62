import FuzzSupport

/// Records decoded with the built-in catalogue and ../shared/sigma loaded (seeds: as fuzz-decoder).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzHarness.decodeWithRules(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

runFuzzer()
