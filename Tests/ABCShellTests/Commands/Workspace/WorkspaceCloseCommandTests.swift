import Testing
@testable import ABCShell

@Suite("workspace close")
struct WorkspaceCloseCommandTests {
    @Test func closesAndThenNothingIsKept() throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        #expect(try f.blocks("workspace close", as: WorkspaceCloseCommand.self).text == "Closed workspace w.abcw")
        #expect(f.session.workspace == nil)
        try f.expectFailure("workspace close", message: "no workspace is open; open one with 'workspace open PATH' (or start with abc --workspace PATH)", column: 1)
    }
}
