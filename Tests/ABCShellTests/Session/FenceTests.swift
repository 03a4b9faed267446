import ABCCore
import Foundation
import Testing

@testable import ABCShell

@Suite("Fence")
struct FenceTests {
    /// A real folder `w/` with a file, a link to `outside/` and a link to the file, beside `outside/`.
    static func world() throws -> (root: String, fence: Fence) {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("abc-fence-\(UUID().uuidString)").resolvingSymlinksInPath().path
        try fm.createDirectory(atPath: root + "/w/sub", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/outside", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/w/own.csv"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/w/theirs.csv"))
        try fm.createSymbolicLink(atPath: root + "/w/link", withDestinationPath: root + "/outside")
        try fm.createSymbolicLink(atPath: root + "/w/up", withDestinationPath: "..")
        let fence = Fence(folder: root + "/w", allowances: ScriptAllowances(), created: [root + "/w/own.csv"], fileSystem: POSIXFileSystem())
        return (root, fence)
    }

    @Test(arguments: [
        ("w/a.csv", true), ("w/sub/a.csv", true), ("w/sub/../a.csv", true), ("w/missing/../a.csv", true),
        ("w/../outside/a.csv", false), ("w/link/a.csv", false), ("w/up/outside/a.csv", false),
        ("w/up/w/a.csv", true), ("w/link/../w/a.csv", true), ("w/.a.csv", false), ("w/.git/config", false),
        ("w/sub/.x/a.csv", false), ("outside/a.csv", false),
    ])
    func writesInsideTheFolderOnly(path: String, allowed: Bool) throws {
        let (root, fence) = try Self.world()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var passed = true
        do { try fence.check(root + "/" + path, .write(replacing: false), command: "export segments") } catch { passed = false }
        #expect(passed == allowed, "\(path)")
    }

    @Test func forceReplacesOnlyWhatTheRunCreated() throws {
        let (root, fence) = try Self.world()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try fence.check(root + "/w/own.csv", .write(replacing: true), command: "save")
        try fence.check(root + "/w/new.csv", .write(replacing: true), command: "save")
        #expect(throws: RequestError.self) { try fence.check(root + "/w/theirs.csv", .write(replacing: true), command: "save") }
        let widened = Fence(folder: fence.folder, allowances: ScriptAllowances(write: [root + "/w"]), created: [], fileSystem: fence.fileSystem)
        try widened.check(root + "/w/theirs.csv", .write(replacing: true), command: "save")
    }

    @Test func allowancesAndSafe() throws {
        let (root, fence) = try Self.world()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let outside = root + "/outside/a.abc"
        #expect(throws: RequestError.self) { try fence.check(outside, .read, command: "load") }
        let reading = Fence(folder: fence.folder, allowances: ScriptAllowances(read: [root + "/outside"]), created: [], fileSystem: fence.fileSystem)
        try reading.check(outside, .read, command: "load")
        try reading.check(outside, .runScript, command: "run")
        #expect(throws: RequestError.self) { try reading.check(outside, .write(replacing: false), command: "save") }
        let safe = Fence(folder: fence.folder, allowances: ScriptAllowances(read: [root + "/outside"], safe: true), created: [], fileSystem: fence.fileSystem)
        try safe.check(outside, .read, command: "load")
        #expect(throws: RequestError.self) { try safe.check(outside, .runScript, command: "run") }
        #expect(throws: RequestError.self) { try safe.check(root + "/w/a.csv", .write(replacing: false), command: "save") }
        #expect(throws: RequestError.self) { try safe.checkDatabase("postgres://db", command: "load") }
        #expect(throws: RequestError.self) { try fence.checkDatabase("postgres://db", command: "load") }
        try Fence(folder: fence.folder, allowances: ScriptAllowances(database: true), created: [], fileSystem: fence.fileSystem)
            .checkDatabase("postgres://db", command: "load")
        #expect(fence.workspaceAccess(root + "/w/ws.abcdb").readOnly)
    }

    @Test func parsesTheCommandLineFlags() throws {
        let (root, _) = try Self.world()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var arguments = ["w.abc", "--allow-read", "outside", "--data", "q.csv", "--allow-write=w", "--allow-db"]
        let allowances = try ScriptAllowances.parse(&arguments, workingDirectory: root)
        #expect(arguments == ["w.abc", "--data", "q.csv"])
        #expect(allowances == ScriptAllowances(read: [root + "/outside"], write: [root + "/w"], database: true))
        var safe = ["w.abc", "--safe", "--allow-write", "w"]
        #expect(throws: Diagnostic.self) { try ScriptAllowances.parse(&safe, workingDirectory: root) }
        var missing = ["w.abc", "--allow-read", "nowhere"]
        #expect(throws: Diagnostic.self) { try ScriptAllowances.parse(&missing, workingDirectory: root) }
    }

    @Test func aLongSourceLineIsEchoedAsAtMost80Characters() {
        let line = String(repeating: "abcdefghij", count: 20)
        let start = Diagnostic("x", sourceLine: line, column: 1).clippingSource()
        #expect(start.sourceLine?.count == 80 && start.sourceLine?.hasSuffix("…") == true && start.column == 1)
        let middle = Diagnostic("x", sourceLine: line, column: 101).clippingSource()
        #expect(middle.sourceLine?.count == 80 && middle.sourceLine?.hasPrefix("…") == true)
        #expect(middle.column == 21)
        let short = Diagnostic("x", sourceLine: "segment", column: 1)
        #expect(short.clippingSource() == short)
    }
}
