import Foundation
import Testing
@testable import ABCShell

@Suite("Completion")
struct CompletionTests {
    @Test func commandsOptionsCriteriaAndQuotedPaths() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("abc-cmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("sub/my file;x.csv").path, contents: Data())
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("sub/plain.csv").path, contents: Data())
        let session = Session(environment: .init(workingDirectory: dir.path))
        let completer = Completer(session: session)
        func complete(_ line: String) -> [String] { completer.complete(line: line, cursorUTF8: line.utf8.count).candidates }
        #expect(complete("seg") == ["segment"])
        #expect(complete("set ti") == ["tiers"])
        #expect(complete("load x --da") == ["--date", "--dates"])
        #expect(complete("set weights rev") == ["revenue"])
        #expect(complete("load su") == ["sub/"])
        #expect(complete("load sub/") == ["'sub/my file;x.csv'", "sub/plain.csv"])
        #expect(complete("load sub/m") == ["'sub/my file;x.csv'"])
    }
}
