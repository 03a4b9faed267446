import ABCFuzzHarness

/// `abc-fuzz-commands`: libFuzzer on `CommandHarness` when built by `make fuzz`; else replays its arguments.
@main
enum FuzzCommands {
    static func main() { FuzzDriver.main(CommandHarness.entryPoint) }
}

#if ABC_FUZZ
/// libFuzzer's entry point by name: its runtime refers to it (and other drivers call it).
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { CommandHarness.entryPoint(data, size) }
#endif
