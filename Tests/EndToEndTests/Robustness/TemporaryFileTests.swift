import Foundation
import Testing

/// The atomic writer's temporary files: what a killed writer leaves is removed by the next
/// write to the folder, and the old file stays whole (issue 14, "Temp files").
@Suite("Temporary files")
struct TemporaryFileTests {
    /// A PID that ran and is gone.
    static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func aKilledWritersLeftoversGoOnTheNextWrite() throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "old\n".write(to: folder.appendingPathComponent("out.csv"), atomically: true, encoding: .utf8)
        // What `kill -9` during `export segments out.csv --force` leaves: a file and an xlsx folder.
        let dead = try Self.deadPID()
        let leftover = ".out.csv.abc-tmp-\(dead)-Ab3dEf", folderLeftover = ".out.xlsx.abc-tmp-\(dead)-Zz9yXw"
        let live = ".out.csv.abc-tmp-\(getpid())-Qq1wEr"
        try "half".write(to: folder.appendingPathComponent(leftover), atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(folderLeftover), withIntermediateDirectories: false)
        try "half".write(to: folder.appendingPathComponent(live), atomically: false, encoding: .utf8)
        #expect(try String(contentsOf: folder.appendingPathComponent("out.csv"), encoding: .utf8) == "old\n")
        let result = try AbcProcess.run(["-c", "load sample; export segments other.csv"], directory: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == [live, "other.csv", "out.csv"])
        #expect(try String(contentsOf: folder.appendingPathComponent("out.csv"), encoding: .utf8) == "old\n")
    }

    @Test func theFileGetsTheUsualModeAndNoTemporaryStays() throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try AbcProcess.run(["-c", "load sample; export segments a.csv; export segments a.xlsx"], directory: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.csv", "a.xlsx"])
        let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("a.csv").path)[.posixPermissions] as? Int
        #expect(mode == 0o666 & ~0o022)
    }

    @Test func aDanglingSymlinkIsNamedAsSuch() throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("a.csv").path, withDestinationPath: "nowhere.csv")
        let result = try AbcProcess.run(["-c", "load sample; export segments a.csv"], directory: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("is a symbolic link to 'nowhere.csv', which points to nothing; add --force to replace the link"), "\(result.stderr)")
    }
}
