import Foundation
import Testing
@testable import ABCCore

/// Inputs larger than the loader's 4 MiB read block, and compressed input edge cases.
@Suite("Large and compressed input")
struct LargeInputTests {
    static let block = 1 << 22

    /// Rows of about 1 KB ("C<i%50>,2024-01-01,1,xxxx…") until the text passes `size` bytes.
    static func rows(upTo size: Int, into text: inout String, line: inout Int) {
        let note = String(repeating: "x", count: 1_000)
        var i = 0
        while text.utf8.count < size {
            text += "C\(i % 50),2024-01-01,1,\(note)\n"
            i += 1
            line += 1
        }
    }

    @Test func quotedRecordAcrossTheBlockBoundary() throws {
        var text = "customer,date,amount,note\n"
        var line = 1
        Self.rows(upTo: Self.block - 1_500, into: &text, line: &line)
        // A three-line quoted note that starts before and ends after byte 4,194,304.
        let pad = String(repeating: "y", count: 1_000)
        text += "Q,2024-01-02,2,\"\(pad)\n\(pad)\n\(pad)\"\n"
        line += 3  // lines line+1 … line+3
        let quotedLast = line
        Self.rows(upTo: Self.block + 10_000, into: &text, line: &line)
        let rowsBefore = line - 1  // data rows so far
        text += "BAD,2024-01-03,oops,n\n"
        line += 1
        #expect(text.utf8.count > Self.block)
        #expect(quotedLast < line)

        let error = Fixture.loadError(text)
        // "BAD,2024-01-03," is 15 bytes.
        #expect(error?.location == SourceLocation(file: "data.csv", line: line, column: 16))

        var lenient = LoadOptions()
        lenient.lenient = true
        let data = try Fixture.load(text, options: lenient)
        #expect(data.report.rowsRead == rowsBefore - 2 + 1)  // the quoted record is one row of 3 lines
        #expect(data.report.skippedBad == 1)
        #expect(data.revenue("Q") == 20_000)
        #expect(data.report.badRowExamples.first?.location?.line == line)
    }

    @Test func oneRecordLargerThanTheBlock() throws {
        // A 4.5 MB quoted field holding 3 line breaks, then a bad row on line 6.
        let big = String(repeating: "z", count: 1_500_000)
        let text = "customer,date,amount,note\nA,2024-01-01,1,\"\(big)\n\(big)\n\(big)\n\"\nB,2024-01-02,x,\n"
        let error = Fixture.loadError(text)
        #expect(error?.location == SourceLocation(file: "data.csv", line: 6, column: 14))
        let fixed = text.replacingOccurrences(of: "B,2024-01-02,x,", with: "B,2024-01-02,2,")
        let data = try Fixture.load(fixed)
        #expect(data.metrics.revenue == [10_000, 20_000])
    }

    final class Polls: @unchecked Sendable {
        var count = 0
    }

    @Test func cancelledBetweenBlocks() throws {
        var text = "customer,date,amount,note\n"
        var line = 1
        Self.rows(upTo: Self.block + 100_000, into: &text, line: &line)
        let polls = Polls()
        var o = LoadOptions()
        o.isCancelled = {
            polls.count += 1
            return polls.count > 1  // the first block reads, the next poll cancels
        }
        #expect(throws: Interrupted.self) { _ = try Fixture.load(text, options: o) }
        #expect(polls.count >= 2)
    }

    @Test func truncatedGzipIsAnError() throws {
        // A gzip stream cut short (an interrupted download) must be refused as such, never
        // loaded as if the file ended there: cut at 40 points in the second half of the stream,
        // every load must fail with a decompression error.
        var text = "customer,date,amount\n"
        for i in 0..<2_000 { text += "C\(i),2024-01-01,\(1_000 + i)\n" }
        let dir = try Fixture.makeDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = try Fixture.write(text, name: "t.csv", in: dir)
        let gz = dir.appendingPathComponent("t.csv.gz").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c \"$0\" > \"$1\"", plain, gz]
        try process.run()
        process.waitUntilExit()
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: gz)))
        var loaded: [Int] = []  // cut points that loaded without an error
        var otherErrors: [String] = []
        for k in 0..<40 {
            let cut = bytes.count / 2 + k * 37
            let path = try Fixture.write(bytes: Array(bytes.prefix(cut)), name: "cut\(k).csv.gz", in: dir)
            do {
                _ = try DataLoader.load(path: path)
                loaded.append(cut)
            } catch let error as DataError {
                if !error.message.hasPrefix("cannot decompress '\(path)'") { otherErrors.append(error.description) }
            }
        }
        #expect(loaded == [], "truncated .gz loaded silently (cut after these many bytes of \(bytes.count))")
        #expect(otherErrors == [], "truncated .gz read as if complete, then failed on a half row")
    }

    @Test func corruptGzipIsAnError() throws {
        let path = try Fixture.write(bytes: [0x1f, 0x8b] + Array("garbage garbage garbage".utf8), name: "bad.csv.gz")
        defer { Fixture.remove(path) }
        #expect {
            _ = try DataLoader.load(path: path)
        } throws: { error in
            (error as? DataError)?.message.hasPrefix("cannot decompress '\(path)'") == true
        }
    }
}
