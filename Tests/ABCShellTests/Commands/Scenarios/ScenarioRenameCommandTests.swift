import Testing
@testable import ABCShell

@Suite("scenario rename")
struct ScenarioRenameCommandTests {
    @Test func renamesAndCopiesFollow() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        f.run("scenario new lean; lever cost-to-serve C per-order 1; scenario new leaner from lean")
        #expect(try f.blocks("scenario rename lean lean-c", as: ScenarioRenameCommand.self).text == "Renamed scenario lean to lean-c")
        // Creation order kept; the copy made from it names it as its parent; the current one stays.
        #expect(f.session.scenarios.map(\.name) == ["base", "lean-c", "leaner"])
        #expect(f.session.scenario(named: "leaner")?.parent == "lean-c")
        #expect(f.session.scenario(named: "lean-c")?.levers.count == 1)
        #expect(f.session.scenario.name == "leaner")
        f.run("scenario use lean-c; scenario rename lean-c lean")
        #expect(f.session.scenario.name == "lean")
    }

    @Test(arguments: [
        ("scenario rename base b", "base cannot be renamed", 17),
        ("scenario rename nope x", "no scenario 'nope'; scenarios: base, lean", 17),
        ("scenario rename lean base", "scenario 'base' exists; pick another name", 22),
        ("scenario rename lean my.plan", "'my.plan' cannot be a scenario name: use letters, digits, '-', '_' or '~'", 22),
        ("scenario rename lean", "missing argument; usage: scenario rename OLD NEW", 22),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture(setup: "load sales.csv; scenario new lean")
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
        #expect(f.session.scenarios.map(\.name) == ["base", "lean"])
    }
}
