import ABCFuzzHarness

/// `abc-fuzz-commands`: libFuzzer on `CommandHarness` when built by `make fuzz`; else replays its arguments.
@main
enum FuzzCommands {
    static func main() { FuzzDriver.main(CommandHarness.entryPoint) }
}
