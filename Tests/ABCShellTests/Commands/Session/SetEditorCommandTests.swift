import Testing
@testable import ABCShell

@Suite("set editor")
struct SetEditorCommandTests {
    @Test func choosesTheKeyBindings() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        #expect(f.session.editorMode == "emacs")
        #expect(try f.blocks("set editor VI", as: SetEditorCommand.self).isEmpty)
        #expect(f.session.editorMode == "vi")
        f.run("set editor emacs")
        #expect(f.session.editorMode == "emacs")
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let d = try #require(f.failure("set editor nano"))
        #expect(d.message == "expected emacs or vi, found 'nano'")
        #expect(d.location?.column == 12)
        let extra = try #require(f.failure("set editor vi emacs"))
        #expect(extra.message == "too many arguments; usage: set editor emacs|vi")
        #expect(extra.location?.column == 15)
        #expect(f.session.editorMode == "emacs")
    }
}
