import ABCCore
import Foundation
import Testing
@testable import ABCShell

/// `set playbook` on `LeverFilterTests.sales` (see `PlaybookSuggestionTests`), by hand.
@Suite("set playbook")
struct SetPlaybookCommandTests {
    @Test func theRulesAndSuggestionsChangeAndAreSaved() throws {
        let f = try LeverFilterTests.fixture("; set playbook at-risk lever churn 30% -> 10% cost 4; set playbook growth top 100%")
        defer { f.remove() }
        let table = try #require(try f.blocks("playbook", as: PlaybookCommand.self).tables.first)
        // at-risk K1: 400 × 20% = 80.00, profit 40.00, cost 4.00, net +36.00. growth: all of B,
        // K3 and K4: (200 + 150) × 3% = 10.50, profit (100 + 60) × 3% = 4.80, cost 2 × 0.6 = 1.20.
        #expect(table.column("customers").prefix(2) == ["1", "2"])
        #expect(table.column("delta_revenue").prefix(2) == ["80.00", "10.50"])
        #expect(table.column("delta_profit").prefix(2) == ["40.00", "4.80"])
        #expect(table.column("delta_net").prefix(2) == ["36.00", "3.60"])
        let (script, replayed) = try LeverFilterTests.savedAndReplayed(f)
        defer { replayed.remove() }
        #expect(script.contains("\nset playbook growth top 100%\nset playbook at-risk lever churn 30% -> 10% cost 4.00\n"))
        #expect(replayed.session.scenario.playbook == f.session.scenario.playbook)
        f.run("set playbook default")
        #expect(f.session.scenario.playbook == .standard)
    }

    @Test(arguments: [
        ("set playbook costly lever drop", "costly's suggestion, drop unprofitable, has no figures to set", 21),
        ("set playbook growth palive 0.3", "growth takes top S% or lever, found 'palive'; usage: set playbook at-risk|reactivate palive P | growth top S% | GROUP lever FIGURES… | default", 21),
        ("set playbook at-risk palive 2", "expected a probability from 0 to 1, found '2'", 29),
        ("set playbook at-risk lever churn 10% -> 20% cost 1", "the churn after (20%) cannot exceed the churn before (10%)", 41),
    ])
    func mistakes(line: String, message: String, column: Int) throws {
        let f = try LeverFilterTests.fixture()
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
    }


    @Test func scenarioShowListsWhatDiffersFromBase() throws {
        let f = try LeverFilterTests.fixture("; scenario new wide; set playbook growth top 50%; set playbook reactivate palive 0.25")
        defer { f.remove() }
        let shown = try f.blocks("scenario show wide", as: ScenarioShowCommand.self).text
        #expect(shown.contains("\n  playbook  set playbook reactivate palive 0.25; set playbook growth top 50%"))
    }
}
