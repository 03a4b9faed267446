import Foundation
import Testing

/// Input that once crashed the tool, and output that cannot be written: an error and exit 1,
/// never a trap (issue 14, "No crash on any input").
@Suite("No crash on any input")
struct NoCrashTests {
    /// Runs `script` under /bin/sh with `$ABC` naming the binary, so redirections can close or
    /// break its standard streams.
    static func shell(_ script: String) throws -> AbcProcess.Result {
        try AbcProcess.run(["-c", script], binary: "/bin/sh", environment: ["ABC": AbcProcess.debugBinary])
    }

    @Test(arguments: ["compare @", "compare ''", "compare base @", "compare @@", "compare base base@", "compare base@2024q"])
    func oddScenarioNamesAreErrors(_ command: String) throws {
        let result = try AbcProcess.run(["-c", "load sample; \(command)"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("error:"))
    }

    @Test func aTinyExpectedValueCompares() throws {
        let result = try AbcProcess.run(["-c", "load sample; expect total revenue > .00000000000000000000000000001"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func closedStandardOutputIsAnError() throws {
        let result = try Self.shell(#""$ABC" -c 'load sample; segment' >&-"#)
        #expect(result.status == 1)
        #expect(result.stderr.contains("abc: error: cannot write to standard output: Bad file descriptor"))
    }

    @Test func aFullDeviceIsAnError() throws {
        let result = try Self.shell(#""$ABC" -c 'load sample; segment' > /dev/full"#)
        #expect(result.status == 1)
        #expect(result.stderr.contains("abc: error: cannot write to standard output: No space left on device"))
    }

    /// With SIGPIPE ignored, a reader that goes away ends the command at once, silently.
    @Test func aBrokenPipeEndsTheCommandSilently() throws {
        let pipeline = try Self.shell(#"trap '' PIPE; ( "$ABC" -c 'load sample; customers all; customers all'; echo "status $?" >&2 ) | head -c 10 >/dev/null"#)
        #expect(pipeline.stderr == "status 1\n")
    }

    @Test func aFullStandardErrorIsExitOne() throws {
        let result = try Self.shell(#""$ABC" -c 'load sample; segmnt' 2>/dev/full"#)
        #expect(result.status == 1)
    }

    /// Scripts running scripts stop at sqlite3's depth instead of overflowing the stack.
    @Test func runNestingIsLimited() throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for i in 0..<100 {
            try "run s\(i + 1).abc\n".write(to: folder.appendingPathComponent("s\(i).abc"), atomically: true, encoding: .utf8)
        }
        try "segment\n".write(to: folder.appendingPathComponent("s100.abc"), atomically: true, encoding: .utf8)
        let result = try AbcProcess.run(["-c", "load sample; run s0.abc"], directory: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: input nesting limit (64) reached"), "\(result.stderr)")
        let shallow = try AbcProcess.run(["-c", "load sample; run s40.abc"], directory: folder)
        #expect(shallow.status == 0, "\(shallow.stderr)")
    }
}
