import CLibFuzzer
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs libFuzzer on the target's `LLVMFuzzerTestOneInput` with the process arguments; never returns.
///
/// A target's main.swift must call this: SwiftPM links the executable target's own `main`
/// (`--defsym main=<Target>_main`) over the one in libclang_rt.fuzzer, so libFuzzer's `main`
/// would never run. Given files instead of directories, libFuzzer runs each once: the crash
/// reproducer (`.build-fuzz/release/fuzz-decoder bench/fuzz/crashes/fuzz-decoder-crash-…`).
public func runFuzzer() -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput))
}
