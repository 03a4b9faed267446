import Foundation
import Testing

/// A load that would not fit is refused before it runs the machine out of memory, with what
/// it needs and what is available; the session keeps its data (issue 14, "Memory before it
/// runs out"; docs/input.md#memory).
@Suite("Memory limits")
struct MemoryLimitTests {
    /// The estimate, read from the refusal of a load given 1 kB.
    static func estimate(of file: URL, binary: String = AbcProcess.releaseBinary) throws -> Double {
        let result = try AbcProcess.run(["-c", "load '\(file.path)' --memory-limit 1K"], binary: binary)
        let message = try #require(result.stderr.firstMatch(of: /needs about ([0-9.]+) (MB|GB)/), "\(result.stderr)")
        let value = try #require(Double(String(message.1)))
        return value * (message.2 == "GB" ? 1e9 : 1e6)
    }

    /// Peak resident bytes of `abc -c SCRIPT`, by GNU time.
    static func peak(_ script: String) throws -> Double {
        let result = try AbcProcess.run(
            ["-f", "%M", AbcProcess.releaseBinary, "-c", script], binary: "/usr/bin/time")
        #expect(result.status == 0, "\(result.stderr)")
        let kilobytes = try #require(result.stderr.split(separator: "\n").last.flatMap { Double($0) }, "\(result.stderr)")
        return kilobytes * 1024
    }

    /// The estimate is within ±30% of what the load really takes (its peak less the peak of a
    /// process that loads nothing), on the benchmark's 1m and 10m transactions: an estimate
    /// that refused everything, or nothing, fails.
    @Test(arguments: ["transactions_1m.csv", "transactions_10m.csv"])
    func theEstimateIsNearTheMeasuredPeak(_ name: String) throws {
        let file = ReferenceAnswerTests.dataFolder.appendingPathComponent(name)
        try #require(FileManager.default.fileExists(atPath: file.path), "make test generates \(file.path)")
        let estimate = try Self.estimate(of: file)
        let baseline = try Self.peak("timer off")
        let measured = try Self.peak("load '\(file.path)'") - baseline
        #expect(estimate >= measured * 0.7 && estimate <= measured * 1.3,
                "estimate \(Int(estimate / 1e6)) MB, measured \(Int(measured / 1e6)) MB")
    }

    /// Sizes of unknown length (a pipe, gzip) are checked as the load goes.
    @Test(arguments: [
        #"cat "$DATA" | "$ABC" -c 'load - --memory-limit 20M'"#,
        #"gzip -c "$DATA" > "$TMP/t.csv.gz" && "$ABC" -c "load $TMP/t.csv.gz --memory-limit 20M""#,
    ])
    func unknownSizesAreCheckedAsTheyGo(_ script: String) throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = ReferenceAnswerTests.dataFolder.appendingPathComponent("transactions_1m.csv")
        try #require(FileManager.default.fileExists(atPath: data.path), "make test generates \(data.path)")
        let result = try AbcProcess.run(["-c", script], binary: "/bin/bash", environment: [
            "ABC": AbcProcess.releaseBinary, "DATA": data.path, "TMP": folder.path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: not enough memory for this load: it needs more than"), "\(result.stderr)")
    }

    /// Under `ulimit -v` the 10m load is refused in one line, not ended by the allocator.
    @Test func anAddressSpaceLimitIsRespected() throws {
        let data = ReferenceAnswerTests.dataFolder.appendingPathComponent("transactions_10m.csv")
        try #require(FileManager.default.fileExists(atPath: data.path), "make test generates \(data.path)")
        let result = try AbcProcess.run(
            ["-c", #"ulimit -v 300000; "$ABC" -c "load sample; load '$DATA'""#],
            binary: "/bin/bash", environment: ["ABC": AbcProcess.releaseBinary, "DATA": data.path])
        #expect(result.stderr.contains("error: not enough memory for this load"), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
        #expect(result.stdout.hasPrefix("Loaded sample"), "\(result.stdout)")
    }

    @Test func aBadLimitIsAUsageError() throws {
        let result = try AbcProcess.run(["-c", "load sample --memory-limit lots"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("expected a number of bytes for --memory-limit (8G, 500M) or none, found 'lots'"))
        #expect(try AbcProcess.run(["-c", "load sample --memory-limit none"]).status == 0)
    }
}
