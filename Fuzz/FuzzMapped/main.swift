import FuzzSupport

/// An operator's YAML-mapped format (seeds: examples/toolgateway.jsonl).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzHarness.decode(UnsafeRawBufferPointer(start: data, count: size), options: FuzzHarness.mappedOptions)
    return 0
}

runFuzzer()
