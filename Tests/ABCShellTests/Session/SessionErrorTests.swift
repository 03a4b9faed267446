import Foundation
import Testing
@testable import ABCShell

@Suite("Session errors")
struct SessionErrorTests {
    func diagnostic(_ line: String, session: Session = Session()) -> Diagnostic? {
        let output = CapturedOutput()
        _ = session.execute(line, origin: .commandLine, output: output)
        return output.diagnostics.first
    }

    @Test func unknownCommandSuggestsTheNearest() throws {
        let d = try #require(diagnostic("segmnt"))
        #expect(d.message == "unknown command 'segmnt'; did you mean 'segment'?")
        #expect(d.location?.description == "<command-line>:1:1")
    }

    @Test func errorsPointAtTheWord() throws {
        let session = Session()
        _ = session.execute("load sample", origin: .commandLine, output: CapturedOutput())
        let d = try #require(diagnostic("set weights revenue 0.5 profiit 0.5", session: session))
        #expect(d.location?.column == 25)
        #expect(d.message.hasPrefix("unknown criterion 'profiit'; did you mean 'profit'?"))
        let tiers = try #require(diagnostic("set tiers count 20/30/40", session: session))
        #expect(tiers.message == "tier shares must add up to 100, these add up to 90")
        #expect(tiers.location?.column == 17)
    }

    @Test func commandsNeedingDataSaySo() throws {
        let d = try #require(diagnostic("segment"))
        #expect(d.message.contains("no data loaded"))
    }

    @Test(arguments: [
        ("lever uplift D revenue +10% adoption 30% cost 2 per-adopter", "unknown tier 'D'; the tiers are A, B, C"),
        ("lever uplift B revenue +10% adoption 130% cost 2 per-adopter", "the adoption rate cannot exceed 100%: 130%"),
        ("lever uplift B revenue -10% adoption 30% cost 2 per-adopter", "the revenue uplift cannot be negative: -10%"),
        ("lever retention A churn 10% -> 15% cost 3", "the churn after (15%) cannot exceed the churn before (10%)"),
        ("lever cost-to-serve C per-order -1", "expected the cost per order (an amount ≥ 0 with at most 4 decimals), found '-1'"),
        ("lever discount A price -5% volume", "missing the volume change; usage: lever discount TIER [where …] price -D%|+D% [volume +V%|-V%]"),
    ])
    func badLeverArguments(command: String, message: String) throws {
        let session = Session()
        _ = session.execute("load sample", origin: .commandLine, output: CapturedOutput())
        let d = try #require(diagnostic(command, session: session))
        #expect(d.message == message)
    }

    @Test func dropNeedsProfitRealOrAssumed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("abc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "customer_id,date,amount\nK1,2024-01-01,10\nK2,2024-02-01,20\n".write(
            to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        let session = Session(environment: .init(workingDirectory: folder.path))
        #expect(session.execute("load s.csv", origin: .commandLine, output: CapturedOutput()))
        let d = try #require(diagnostic("lever drop C unprofitable", session: session))
        #expect(d.message == "lever 'drop' needs profit: this dataset has no cost or profit; assume a margin first (set margin 30%)")
        // With an assumed margin it is accepted; other levers need none.
        #expect(session.execute("lever uplift B revenue +10% adoption 30%", origin: .commandLine, output: CapturedOutput()))
        #expect(session.execute("set margin 30%; lever drop C unprofitable", origin: .commandLine, output: CapturedOutput()))
        let w = try #require(diagnostic("set weights profit 1", session: session))
        #expect(w.message == "criterion 'profit' needs cost or profit data, which this dataset lacks")
    }

    @Test func failedLoadKeepsTheDataset() throws {
        let session = Session()
        _ = session.execute("load sample", origin: .commandLine, output: CapturedOutput())
        let d = try #require(diagnostic("load /nonexistent/file.csv", session: session))
        #expect(d.message.contains("cannot open"))
        #expect(session.dataset?.name == "sample")
    }

    @Test func exportRefusesToOverwriteWithoutForce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("abc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "precious".write(to: folder.appendingPathComponent("out.csv"), atomically: true, encoding: .utf8)
        let session = Session(environment: .init(workingDirectory: folder.path))
        _ = session.execute("load sample", origin: .commandLine, output: CapturedOutput())
        let d = try #require(diagnostic("export segments out.csv", session: session))
        #expect(d.message == "'\(folder.path)/out.csv' exists; add --force to replace it")
        #expect(try String(contentsOf: folder.appendingPathComponent("out.csv"), encoding: .utf8) == "precious")
        #expect(session.execute("export segments out.csv --force", origin: .commandLine, output: CapturedOutput()))
        let text = try String(contentsOf: folder.appendingPathComponent("out.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "customer_id,tier,score,rank,revenue,profit,orders,first_purchase,last_purchase,recency_days,tenure_days,country,product")
        #expect(lines.count == 5001)
        #expect(lines[1].hasPrefix("K00001,"))
    }
}
