import ABCFuzzHarness

/// `abc-fuzz-loader`: libFuzzer on `LoaderHarness` when built by `make fuzz`; else replays its arguments.
@main
enum FuzzLoader {
    static func main() { FuzzDriver.main(LoaderHarness.entryPoint) }
}

#if ABC_FUZZ
/// libFuzzer's entry point by name: its runtime refers to it (and other drivers call it).
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { LoaderHarness.entryPoint(data, size) }
#endif
