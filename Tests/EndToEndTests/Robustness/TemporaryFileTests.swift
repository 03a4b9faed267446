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

    /// A real `kill -9` in the middle of a large export (1M customers): the old file stays
    /// whole, the temporary file is left, and the next write to the folder removes it.
    @Test func killingALargeExportKeepsTheOldFile() throws {
        let data = ReferenceAnswerTests.dataFolder.appendingPathComponent("customers_10m.csv")
        try #require(FileManager.default.fileExists(atPath: data.path), "make test generates \(data.path)")
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("big.csv")
        try "old\n".write(to: target, atomically: true, encoding: .utf8)
        var caught = false
        // The kill must land while the temporary file is being written; an export that won
        // the race is tried again.
        for _ in 0..<5 where !caught {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: AbcProcess.releaseBinary)
            process.arguments = ["-c", "load '\(data.path)'; export segments big.csv --force"]
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let started = Date()
            while process.isRunning && Date().timeIntervalSince(started) < 60 {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                if names.contains(where: { $0.hasPrefix(".big.csv.abc-tmp-") }) {
                    kill(process.processIdentifier, SIGKILL)
                    break
                }
                usleep(500)
            }
            process.waitUntilExit()
            caught = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        }
        try #require(caught, "the export finished before every kill")
        #expect(try String(contentsOf: target, encoding: .utf8) == "old\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".big.csv.abc-tmp-") }
        #expect(left.count == 1, "\(left)")
        let next = try AbcProcess.run(["-c", "load sample; export segments other.csv"], directory: folder)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["big.csv", "other.csv"])
        #expect(try String(contentsOf: target, encoding: .utf8) == "old\n")
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
