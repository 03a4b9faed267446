import ABCFuzzHarness
import Foundation
import Testing

/// Replays the committed fuzz corpus and every crash the fuzzer found (minimised) through the
/// harnesses' entry points, in the normal build: each must return. A crash stops the run.
@Suite struct FuzzCorpusTests {
    static let fuzzRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fuzz").path
    }()

    /// The files under `corpus/TARGET` and `crashes/TARGET`, relative to `Tests/Fuzz`.
    static func inputs(of target: String) -> [String] {
        let folders = ["corpus", "crashes"].map { fuzzRoot + "/" + $0 + "/" + target }
        return Replay.files(in: folders.filter { FileManager.default.fileExists(atPath: $0) }).files
            .map { String($0.dropFirst(fuzzRoot.count + 1)) }
    }

    static func bytes(_ input: String) throws -> Data {
        try #require(FileManager.default.contents(atPath: fuzzRoot + "/" + input))
    }

    @Test func corpusIsThere() {
        #expect(Self.inputs(of: "loader").count >= 5)
        #expect(Self.inputs(of: "commands").count >= 5)
    }

    @Test(arguments: inputs(of: "loader"))
    func loader(_ input: String) throws {
        try Self.bytes(input).withUnsafeBytes(LoaderHarness.run)
    }

    @Test(arguments: inputs(of: "commands"))
    func commands(_ input: String) throws {
        try Self.bytes(input).withUnsafeBytes(CommandHarness.run)
    }
}
