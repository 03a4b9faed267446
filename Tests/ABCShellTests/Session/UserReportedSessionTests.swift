import ABCCore
import Foundation
import Testing
@testable import ABCShell

@Suite("User-reported session cases")
struct UserReportedSessionTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("abc-urs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func scriptsWithCRLFAndAByteOrderMarkRun() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("\u{FEFF}load sample\r\nexpect tier A customers = 1000\r\nscenario new x\r\n".utf8)
            .write(to: dir.appendingPathComponent("w.abc"))
        let session = Session(environment: .init(workingDirectory: dir.path))
        let output = CapturedOutput()
        #expect(session.runScript(path: dir.appendingPathComponent("w.abc").path, output: output))
        #expect(output.diagnostics.isEmpty)
        #expect(session.scenario.name == "x")
    }

    @Test func typedCommandsPutTheCaretUnderTheWord() throws {
        let session = Session()
        let output = CapturedOutput()
        _ = session.execute("load sample", origin: .interactive, output: output)
        _ = session.execute("set weights revenue abc", origin: .interactive, output: output)
        let diagnostic = try #require(output.diagnostics.first)
        #expect(diagnostic.location == nil)
        #expect(diagnostic.column == 21)
        #expect(DiagnosticRenderer.render(diagnostic, colour: false).hasSuffix("  set weights revenue abc\n                      ^\n"))
    }

    @Test func helpOnAGroupListsItsCommands() throws {
        let output = CapturedOutput()
        #expect(Session().execute("help lever", origin: .commandLine, output: output))
        #expect(output.text.contains("lever uplift"))
        #expect(output.text.contains("lever clear"))
    }

    @Test func repeatedOptionsAreRefused() throws {
        let output = CapturedOutput()
        let session = Session()
        _ = session.execute("load sample", origin: .commandLine, output: output)
        #expect(!session.execute("simulate --runs 2 --runs 3", origin: .commandLine, output: output))
        #expect(output.diagnostics.last?.message == "option '--runs' is given twice")
        #expect(!session.execute("lever cost-to-serve C per-order 4.50 per-order 3", origin: .commandLine, output: output))
        #expect(output.diagnostics.last?.message == "'per-order' is given twice")
    }

    @Test func fewerTiersThanTheLeversNeedIsRefused() throws {
        let output = CapturedOutput()
        let session = Session()
        _ = session.execute("load sample; set tiers count 10/20/30/40; lever drop D unprofitable", origin: .commandLine, output: output)
        #expect(!session.execute("set tiers count 50/50", origin: .commandLine, output: output))
        #expect(output.diagnostics.last?.message == "lever 'drop D' needs 4 tiers; remove it first (lever list)")
    }

    @Test func saveKeepsWhereScenariosWereCopiedFrom() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = Session(environment: .init(workingDirectory: dir.path))
        let output = CapturedOutput()
        #expect(original.execute("""
            load sample; scenario new pareto; set tiers revenue 80/15/5; lever uplift B revenue +5% adoption 20%; \
            scenario new child; lever retention A churn 10% -> 5% cost 1; scenario use pareto; lever clear; save --scenarios-only w.abc
            """, origin: .commandLine, output: output), "\(output.diagnostics)")
        let replayed = Session(environment: .init(workingDirectory: dir.path))
        #expect(replayed.runScript(path: dir.appendingPathComponent("w.abc").path, output: output), "\(output.diagnostics)")
        for name in ["pareto", "child"] {
            #expect(replayed.scenario(named: name) == original.scenario(named: name), "\(name)")
        }
        #expect(replayed.scenario(named: "child")?.parent == "pareto")
        #expect(replayed.scenario(named: "child")?.levers.count == 2)  // the uplift copied, then retention
    }
}

extension UserReportedSessionTests {
    @Test func errorsOnAContinuedLineNameThePhysicalLine() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "load sample\nscenario new s\nlever uplift B revenue +10% \\\n  adoption 130% cost 2 per-adopter\n"
            .write(to: dir.appendingPathComponent("c.abc"), atomically: true, encoding: .utf8)
        let output = CapturedOutput()
        #expect(!Session(environment: .init(workingDirectory: dir.path)).runScript(path: dir.appendingPathComponent("c.abc").path, output: output))
        let location = try #require(output.diagnostics.first?.location)
        #expect(location.line == 4)
        #expect(location.column == 12)  // "  adoption 130%": the rate starts at column 12
    }
}

extension UserReportedSessionTests {
    @Test func periodsSegmentOnlyTheCustomersWhoBoughtInThemAndSurviveSave() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = Session(environment: .init(workingDirectory: dir.path))
        let output = CapturedOutput()
        #expect(session.execute("""
            load sample; scenario new h1; set period 2025-01-01 2025-06-30; set asof 2025-05-31; \
            export segments h1.csv; save --scenarios-only w.abc
            """, origin: .commandLine, output: output), "\(output.diagnostics)")
        let rows = try String(contentsOf: dir.appendingPathComponent("h1.csv"), encoding: .utf8).split(separator: "\n")
        let scope = try session.evaluator.scope(of: session.scenario)
        #expect(rows.count == scope.metrics.count + 1)
        #expect(scope.window == DateWindow(from: CivilDate.parseISO("2025-01-01")!, to: CivilDate.parseISO("2025-05-31")!))
        // Every exported customer bought within the window.
        for row in rows.dropFirst() {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields[7] >= "2025-01-01" && fields[8] <= "2025-05-31", "\(row)")
        }
        let replayed = Session(environment: .init(workingDirectory: dir.path))
        #expect(replayed.runScript(path: dir.appendingPathComponent("w.abc").path, output: output), "\(output.diagnostics)")
        #expect(replayed.scenario(named: "h1") == session.scenario(named: "h1"))
    }
}

extension UserReportedSessionTests {
    @Test func aChildWithALaterPeriodThanItsParentsAsOfReplays() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = Session(environment: .init(workingDirectory: dir.path))
        let output = CapturedOutput()
        #expect(original.execute("""
            load sample; scenario new y; set asof 2024-06-30; scenario new x; set asof 2025-12-31; set period year 2025; save --scenarios-only w.abc
            """, origin: .commandLine, output: output), "\(output.diagnostics)")
        let replayed = Session(environment: .init(workingDirectory: dir.path))
        #expect(replayed.runScript(path: dir.appendingPathComponent("w.abc").path, output: output), "\(output.diagnostics)")
        #expect(replayed.scenario(named: "x") == original.scenario(named: "x"))
    }

    @Test func droppedCustomersAreAbsentInComparisons() throws {
        let session = Session()
        let output = CapturedOutput()
        #expect(session.execute("load sample; scenario new lean; lever cost-to-serve C per-order 4.50; lever drop C unprofitable",
                                origin: .commandLine, output: output))
        let result = try session.evaluator.result(of: session.scenario)
        #expect(result.tier.filter { $0 == 255 }.count == 234)  // the dropped C customers
        #expect(zip(result.tier, result.revenue).allSatisfy { $0.0 != 255 || $0.1 == 0 })
    }

    @Test func seekAnswersAnEndOfTheRangeThatAlreadyReachesTheTarget() throws {
        let session = Session()
        let output = CapturedOutput()
        #expect(session.execute("load sample; seek tier A customers = 1000 by share A in 20..50", origin: .commandLine, output: output))
        #expect(output.text.contains("at share A = 20% (there: 1000)"))
    }

    @Test func trackStopsAtTheScenariosAsOfDay() throws {
        let session = Session()
        let output = CapturedOutput()
        #expect(session.execute("load sample; set asof 2024-06-30; set format csv; track quarterly", origin: .commandLine, output: output))
        #expect(output.text.contains("2024Q2,2024-04-01,2024-06-30"))
        #expect(!output.text.contains("2024Q3"))
    }
}
