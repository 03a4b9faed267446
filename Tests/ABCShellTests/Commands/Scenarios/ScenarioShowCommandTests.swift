import Testing
@testable import ABCShell

@Suite("scenario show")
struct ScenarioShowCommandTests {
    @Test func whatAScenarioChangesComparedWithBase() throws {
        let f = try ShellFixture(setup: """
            load sales.csv; scenario new lean; set weights revenue 1; set tiers revenue 80/15/5; \
            set period month 2024-02; lever cost-to-serve C per-order 4.5
            """)
        defer { f.remove() }
        let text = try f.blocks("scenario show", as: ScenarioShowCommand.self).text
        // Exact amounts, at the data's 2 decimals.
        #expect(text == """
            Scenario lean (copied from base):
              criteria  revenue 1   (base: default)
              tiers     revenue 80/15/5   (base: count 20/30/50)
              window    period month 2024-02
              lever 1   cost-to-serve C per-order 4.50
            """)
    }

    @Test func baseListsItsOwnSettingsAndACopyCanBeTheSame() throws {
        let f = try ShellFixture(setup: "load sales.csv; scenario new copy")
        defer { f.remove() }
        #expect(try f.blocks("scenario show base", as: ScenarioShowCommand.self).text == """
            Scenario base:
              criteria  default
              tiers     count 20/30/50
            """)
        #expect(try f.blocks("scenario show", as: ScenarioShowCommand.self).text == "Scenario copy (copied from base):\n  the same as base")
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let unknown = try #require(f.failure("scenario show nope"))
        #expect(unknown.message == "no scenario 'nope'; scenarios: base")
        #expect(unknown.location?.column == 15)
        let extra = try #require(f.failure("scenario show base base"))
        #expect(extra.message == "too many arguments; usage: scenario show [NAME]")
        #expect(extra.location?.column == 20)
    }
}
