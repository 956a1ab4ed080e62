import FuzzSupport

/// Rule files: Sigma and catalogue YAML compiled and run over a few records (seeds: ../shared/sigma
/// and the built-in catalogue).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzHarness.compileRules(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

runFuzzer()
