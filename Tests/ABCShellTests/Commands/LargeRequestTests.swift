import Testing
@testable import ABCShell

@Suite("large requests need --force")
struct LargeRequestTests {
    static let large = LargeRequest(threshold: 100_000, unit: "lines", effect: "print for minutes")

    @Test func saysHowLargeAndHowToGoAhead() {
        #expect(Self.large.message(10_000_000, instead: "`top N` lists the first N")
                == "10,000,000 lines would print for minutes (more than 100,000); add --force to run it, or `top N` lists the first N")
        #expect(Self.large.message(100_001) == "100,001 lines would print for minutes (more than 100,000); add --force to run it")
        #expect(Self.large.forceOption.name == "force")
        #expect(Self.large.forceOption.value == nil)
        #expect(Self.large.forceOption.help == "allow more than 100,000 lines")
    }

    /// Checked against sweep's invocation, which lists `--force`.
    @Test func withinTheThresholdOrForcedItPasses() throws {
        let plain = try ShellFixture.invocation("sweep weight revenue 0 1 0.5", of: SweepCommand.self)
        let forced = try ShellFixture.invocation("sweep weight revenue 0 1 0.5 --force", of: SweepCommand.self)
        try Self.large.check(100_000, plain)
        try Self.large.check(10_000_000, forced)
        #expect(throws: CommandError("10,000,000 lines would print for minutes (more than 100,000); add --force to run it", column: 1)) {
            try Self.large.check(10_000_000, plain)
        }
    }
}
