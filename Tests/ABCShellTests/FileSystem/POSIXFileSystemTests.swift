import ABCCore
import Foundation
import Testing
@testable import ABCShell

@Suite("POSIX file system")
struct POSIXFileSystemTests {
    let fs = POSIXFileSystem()

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("abc-posix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func listing(_ url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    @Test func writesANewFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.bin").path
        try fs.write([1, 2, 3], to: path, replace: false)
        #expect(fs.contents(of: path) == [1, 2, 3])
        #expect(fs.entry(at: path) == (true, false))
        try fs.write([], to: dir.appendingPathComponent("empty").path, replace: false)
        #expect(fs.contents(of: dir.appendingPathComponent("empty").path) == [])
        #expect(try listing(dir) == ["a.bin", "empty"])  // no temporary file left behind
    }

    @Test func replacesOnlyWhenAsked() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.txt").path
        try fs.write(Array("old".utf8), to: path, replace: false)
        #expect(throws: RequestError("'\(path)' exists; add --force to replace it")) {
            try fs.write(Array("new".utf8), to: path, replace: false)
        }
        #expect(fs.contents(of: path) == Array("old".utf8))
        try fs.write(Array("new".utf8), to: path, replace: true)
        #expect(fs.contents(of: path) == Array("new".utf8))
        #expect(try listing(dir) == ["a.txt"])
    }

    @Test func refusesAMissingFolderAndAFolderTarget() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("missing/a.txt").path
        #expect(throws: RequestError("cannot write '\(missing)': folder '\(dir.appendingPathComponent("missing").path)' does not exist")) {
            try fs.write([1], to: missing, replace: true)
        }
        let sub = dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: false)
        #expect(throws: RequestError("cannot write '\(sub.path)': it is a folder")) {
            try fs.write([1], to: sub.path, replace: true)
        }
        #expect(fs.entry(at: sub.path) == (true, true))
        #expect(try listing(dir) == ["sub"])
        #expect(try listing(sub).isEmpty)
    }

    @Test func listsFoldersAndResolvesLinks() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try fs.write([1], to: dir.appendingPathComponent("x").path, replace: false)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link").path, withDestinationPath: dir.path)
        #expect(fs.names(inFolder: dir.path)?.sorted() == ["link", "x"])
        #expect(fs.names(inFolder: dir.appendingPathComponent("nope").path) == nil)
        #expect(fs.canonicalPath(dir.path + "/link/./x") == fs.canonicalPath(dir.appendingPathComponent("x").path))
        #expect(fs.canonicalPath(dir.path + "/link/../" + dir.lastPathComponent + "/x").hasSuffix("/" + dir.lastPathComponent + "/x"))
    }

    @Test func aFileProducedAtItsOwnPathIsMovedIntoPlace() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("w.xlsx").path
        var seen = ""
        try fs.write(to: path, replace: false) { (produced: String) throws(RequestError) in
            seen = produced
            // A private folder beside the target, only this user may enter.
            let mode = (try? FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: produced).deletingLastPathComponent().path))?[.posixPermissions] as? Int
            #expect(mode == 0o700)
            _ = FileManager.default.createFile(atPath: produced, contents: Data([1, 2]))
        }
        #expect(seen.hasPrefix(dir.path + "/.w.xlsx.abc-tmp-\(getpid())-") && seen.hasSuffix("/w.xlsx"))
        #expect(fs.contents(of: path) == [1, 2])
        #expect(try listing(dir) == ["w.xlsx"])
        // Refused without replace (before producing anything), replaced with it.
        #expect(throws: RequestError.self) {
            try fs.write(to: path, replace: false) { (_: String) throws(RequestError) in Issue.record("produced anyway") }
        }
        try fs.write(to: path, replace: true) { (produced: String) throws(RequestError) in
            _ = FileManager.default.createFile(atPath: produced, contents: Data([3]))
        }
        #expect(fs.contents(of: path) == [3])
        // A producer that fails leaves nothing behind.
        #expect(throws: RequestError.self) {
            try fs.write(to: dir.appendingPathComponent("x.xlsx").path, replace: false) { (produced: String) throws(RequestError) in
                _ = FileManager.default.createFile(atPath: produced, contents: Data([9]))
                throw RequestError("no")
            }
        }
        #expect(try listing(dir) == ["w.xlsx"])
    }
}
