import Testing
@testable import ABCShell

@Suite("workspace")
struct WorkspaceCommandTests {
    @Test func tellsWhichIsOpen() throws {
        let f = try Quarters.fixture(setup: "load q1.csv")
        defer { f.remove() }
        #expect(try f.blocks("workspace", as: WorkspaceCommand.self).text == "No workspace is open: nothing is kept. Open one with 'workspace open PATH'.")
        f.run("workspace open w.abcw; snapshot save q1")
        #expect(try f.blocks("workspace show", as: WorkspaceCommand.self).text == "Workspace w.abcw: 1 snapshot")
        try f.expectFailure("workspace opn w.abcw", message: "expected 'workspace show', 'workspace open PATH' or 'workspace close', found 'opn'", column: 11)
    }
}
