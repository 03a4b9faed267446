import Foundation
import Testing
@testable import ABCShell

@Suite("workspace open")
struct WorkspaceOpenCommandTests {
    @Test func createsAPrivateWorkspaceThenReopensIt() throws {
        let f = try Quarters.fixture(setup: "load q1.csv")
        defer { f.remove() }
        #expect(try f.blocks("workspace open w.abcw", as: WorkspaceOpenCommand.self).text == "Workspace w.abcw open (new, empty)")
        let mode = try FileManager.default.attributesOfItem(atPath: f.path("w.abcw"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        f.run("snapshot save q1")
        #expect(try f.blocks("workspace open w.abcw", as: WorkspaceOpenCommand.self).text == "Workspace w.abcw open (1 snapshot)")
    }

    @Test func refusesAFileThatIsNoWorkspaceAndLeavesItAlone() throws {
        let f = try Quarters.fixture(setup: "load q1.csv; workspace open w.abcw")
        defer { f.remove() }
        // q1.csv is no workspace: refused at the path, the open workspace stays open.
        try f.expectFailure("workspace open q1.csv", message: "'q1.csv' is not an abc workspace", column: 16)
        #expect(try String(contentsOfFile: f.path("q1.csv"), encoding: .utf8) == Quarters.q1)
        #expect(f.session.workspace?.shown == "w.abcw")
    }

    @Test func aScriptOpensItReadOnlyAndMayNotCreateOne() throws {
        let f = try Quarters.fixture(setup: "load q1.csv")
        defer { f.remove() }
        try Data("workspace open new.abcw\n".utf8).write(to: URL(fileURLWithPath: f.path("s.abc")))
        let d = try #require(f.failure("run s.abc"))
        #expect(d.message.hasPrefix("'workspace open' may not create workspace '") && d.message.hasSuffix("new.abcw' from a script: a workspace opens read-only from a script unless named on the command line (abc run --workspace PATH allows writing)"))
        #expect(!FileManager.default.fileExists(atPath: f.path("new.abcw")))
        // Named on the command line (abc run --workspace): writable from the script.
        f.session.allowances.workspaces = [f.path("new.abcw")]
        f.run("run s.abc")
        #expect(f.session.workspace?.readOnlyReason == nil)
    }
}
