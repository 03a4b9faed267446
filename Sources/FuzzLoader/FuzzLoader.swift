import ABCFuzzHarness

/// `abc-fuzz-loader`: libFuzzer on `LoaderHarness` when built by `make fuzz`; else replays its arguments.
@main
enum FuzzLoader {
    static func main() { FuzzDriver.main(LoaderHarness.entryPoint) }
}
