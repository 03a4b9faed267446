import Testing
@testable import ABCShell

/// What the interactive shell asks about before leaving.
@Suite("Unsaved changes")
struct UnsavedChangesTests {
    @Test func scenarioChangesAreUnsavedUntilSave() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        #expect(!f.session.hasUnsavedChanges)  // a load and a segment change no scenario
        f.run("segment")
        #expect(!f.session.hasUnsavedChanges)
        f.run("scenario new lean; lever uplift B revenue +10% adoption 30%")
        #expect(f.session.hasUnsavedChanges)
        f.run("save w.abc")
        #expect(!f.session.hasUnsavedChanges)
        f.run("lever clear")
        #expect(f.session.hasUnsavedChanges)
        f.run("undo")
        #expect(!f.session.hasUnsavedChanges)  // back to what was saved
    }

    @Test func quitBangIsQuit() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        f.run("quit!")
        #expect(f.session.quitRequested)
    }
}
