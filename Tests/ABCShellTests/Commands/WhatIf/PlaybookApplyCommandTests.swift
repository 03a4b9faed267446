import ABCCore
import Foundation
import Testing
@testable import ABCShell

/// `playbook apply` on `LeverFilterTests.sales` (see `PlaybookSuggestionTests`), by hand.
@Suite("playbook apply")
struct PlaybookApplyCommandTests {
    @Test func applyAddsTheSuggestionSimulateAndSaveKeepIt() throws {
        let f = try LeverFilterTests.fixture()
        defer { f.remove() }
        let added = try f.blocks("playbook apply at-risk", as: PlaybookApplyCommand.self).text
        #expect(added == "Lever 1 of scenario base: retention A where at-risk churn 20% -> 10% cost 5.00\n1 of the 2 customers of tier A meet its filter")
        let levers = try #require(try f.blocks("simulate", as: SimulateCommand.self).table(titled: "Levers"))
        #expect(levers.rows == [["1", "retention A where at-risk churn 20% -> 10% cost 5.00", "1", "", "40.00", "20.00", "5.00", "300.0%"]])
        // all: growth is added; reactivate (no model) and costly (no cost to serve) are left out.
        let all = try f.blocks("playbook apply all", as: PlaybookApplyCommand.self).text
        #expect(all.contains("Lever 3 of scenario base: uplift B where growth revenue +10% adoption 30% cost 2.00 per-adopter"))
        #expect(all.contains("reactivate left out: 'reactivate' needs the purchase model's P(alive)"))
        #expect(all.contains("costly left out: 'costly' needs a cost to serve"))
        #expect(f.session.scenario.levers.map(\.kind) == ["retention", "retention", "uplift"])
        f.run("save --scenarios-only s.abc")
        let script = try String(contentsOfFile: f.path("s.abc"), encoding: .utf8)
        #expect(script.contains("\nlever uplift B where growth revenue +10% adoption 30% cost 2.00 per-adopter\n"))
    }

    @Test func anUnknownGroup() throws {
        let f = try LeverFilterTests.fixture()
        defer { f.remove() }
        try f.expectFailure("playbook apply everything", message: "expected at-risk, growth, reactivate, costly or all, found 'everything'", column: 16)
        try f.expectFailure("playbook apply reactivate", message: "'reactivate' needs the purchase model's P(alive): it is fitted on transactions with dates and at least 10 customers with a repeat purchase day", column: 16)
        #expect(f.session.scenario.levers.isEmpty)
    }
}
