import Foundation

#if ABC_FUZZ
import CLibFuzzer
#endif

/// One input of a harness as libFuzzer calls it.
public typealias FuzzEntryPoint = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

/// The `main` of the fuzz executables. Built for `make fuzz` (-sanitize=fuzzer -DABC_FUZZ) it
/// hands the arguments to libFuzzer's driver: SwiftPM renames an executable's entry point on
/// Linux, so libFuzzer's own `main` cannot be the program's. In the normal build it replays the
/// files and folders given as arguments (`Replay`).
public enum FuzzDriver {
    public static func main(_ entryPoint: FuzzEntryPoint) -> Never {
        #if ABC_FUZZ
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, entryPoint))
        #else
        exit(Replay.main(Array(CommandLine.arguments.dropFirst())) { bytes in
            _ = entryPoint(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
        })
        #endif
    }
}
