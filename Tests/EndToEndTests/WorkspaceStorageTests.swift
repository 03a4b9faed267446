import ABCCore
import ABCWorkspace
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The workspace file under real processes: a kill -9 in the middle of a big `snapshot save`
/// leaves it consistent with the snapshot whole or absent; two `abc` writing it at once both
/// succeed; a file that is no workspace is refused and left alone.
@Suite("Workspace storage", .serialized)
struct WorkspaceStorageTests {
    /// A customer summary of `count` customers (ids C0000001…), written under `folder`.
    static func summary(_ count: Int, in folder: URL, name: String = "big.csv") throws -> URL {
        var text = "customer_id,revenue,orders,first_purchase,last_purchase\n"
        text.reserveCapacity(count * 48)
        for i in 1...count {
            let id = String(i), padded = String(repeating: "0", count: max(0, 7 - id.count)) + id
            text += "C\(padded),\(i % 9973 + 1).\(i % 100 < 10 ? "0" : "")\(i % 100),\(i % 17 + 1),2024-01-0\(i % 9 + 1),2024-06-1\(i % 9 + 1)\n"
        }
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Starts `abc` with `arguments` in `folder`, its output discarded.
    static func start(_ arguments: [String], in folder: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: AbcProcess.debugBinary)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    @Test func aKillDuringSnapshotSaveLeavesTheSnapshotWholeOrAbsent() throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.summary(300_000, in: folder)
        try Data(Self.smallSummary.utf8).write(to: folder.appendingPathComponent("small.csv"))
        let workspace = folder.appendingPathComponent("w.abcw").path
        let first = try AbcProcess.run(["--workspace", "w.abcw", "-c", "load small.csv; snapshot save before"], directory: folder)
        #expect(first.status == 0, "\(first.stderr)")
        // Killed once the save's transaction has spilled pages into the write-ahead log (the
        // commit comes only at the end), and once after a plain delay.
        for (attempt, walBytes) in [1 << 20, 4 << 20, -1].enumerated() {
            let name = "big\(attempt)"
            let process = try Self.start(["--workspace", "w.abcw", "-c", "load big.csv; snapshot save \(name)"], in: folder)
            let deadline = Date().addingTimeInterval(60)
            if walBytes > 0 {
                while process.isRunning, Self.size(workspace + "-wal") < walBytes, Date() < deadline { usleep(2_000) }
            } else {
                usleep(1_500_000)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let store = try Workspace(path: workspace, readOnly: false)
            #expect(try store.integrityCheck() == "ok")
            let count = try store.snapshot(named: name)?.customers.count
            #expect(count == nil || count == 300_000, "snapshot \(name) has \(count ?? 0) customers")
            #expect(try store.snapshot(named: "before")?.customers.count == 3)
            store.close()
        }
    }

    static let smallSummary = "customer_id,revenue,orders\nK1,100.00,2\nK2,50.00,1\nK3,10.00,1\n"

    @Test func twoProcessesWritingOneWorkspaceBothSucceed() throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.summary(40_000, in: folder)
        let created = try AbcProcess.run(["--workspace", "w.abcw", "-c", "workspace"], directory: folder)
        #expect(created.status == 0, "\(created.stderr)")
        final class Box: @unchecked Sendable { var results: [AbcProcess.Result?] = [nil, nil] }
        let box = Box()
        let group = DispatchGroup()
        for i in 0..<2 {
            group.enter()
            DispatchQueue.global().async {
                box.results[i] = try? AbcProcess.run(
                    ["--workspace", "w.abcw", "-c", "load big.csv; snapshot save s\(i); snapshot save t\(i)"], directory: folder)
                group.leave()
            }
        }
        group.wait()
        for result in box.results {
            #expect(result?.status == 0, "\(result?.stderr ?? "did not run")")
        }
        let store = try Workspace(path: folder.appendingPathComponent("w.abcw").path, readOnly: true)
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.snapshots().map(\.info.name).sorted() == ["s0", "s1", "t0", "t1"])
        #expect(try store.snapshot(named: "s1")?.customers.count == 40_000)
    }

    @Test func aFileThatIsNoWorkspaceIsRefusedInOneLine() throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let junk = folder.appendingPathComponent("junk.abcw")
        let bytes = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try bytes.write(to: junk)
        let result = try AbcProcess.run(["--workspace", "junk.abcw", "-c", "segment"], directory: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "error: 'junk.abcw' is not an abc workspace\n")
        #expect(try Data(contentsOf: junk) == bytes)
        // A damaged workspace: a real one with its pages overwritten past the header.
        let damaged = folder.appendingPathComponent("damaged.abcw")
        try Data(Self.smallSummary.utf8).write(to: folder.appendingPathComponent("small.csv"))
        #expect(try AbcProcess.run(["--workspace", "damaged.abcw", "-c", "load small.csv; snapshot save q1"], directory: folder).status == 0)
        var pages = try [UInt8](Data(contentsOf: damaged))
        for i in 100..<pages.count { pages[i] = UInt8(truncatingIfNeeded: i &* 31) }
        try Data(pages).write(to: damaged)
        let opened = try AbcProcess.run(["--workspace", "damaged.abcw", "-c", "snapshot list"], directory: folder)
        #expect(opened.status == 1)
        #expect(opened.stderr.split(separator: "\n").count == 1, "\(opened.stderr)")
        #expect(opened.stderr.hasPrefix("error: ") && opened.stderr.contains("damaged.abcw"), "\(opened.stderr)")
    }
}
