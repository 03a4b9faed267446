import Foundation
import Testing

/// Excel workbooks made for a test by the pinned openpyxl and XlsxWriter of the Makefile's
/// virtual environment (`make venv`): the python is `ABC_PYTHON` (set by `make test`), else
/// `.venv/bin/python` under the package root. Without it the tests fail, never skip: a
/// reader tested on no workbook is not tested.
enum Workbooks {
    struct PythonMissing: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "no python with openpyxl and XlsxWriter at '\(path)': run `make venv` (or set ABC_PYTHON)"
        }
    }

    struct ScriptFailed: Error, CustomStringConvertible {
        var output: String
        var description: String { "the workbook script failed:\n\(output)" }
    }

    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    static var python: String {
        ProcessInfo.processInfo.environment["ABC_PYTHON"]
            ?? packageRoot.appendingPathComponent(".venv/bin/python").path
    }

    /// Runs `script` (Python, with `openpyxl`, `xlsxwriter`, `datetime` imported and `out`, a
    /// fresh folder, defined) and returns that folder; the files it wrote are in it.
    static func make(_ script: String) throws -> URL {
        let python = self.python
        guard FileManager.default.isExecutableFile(atPath: python) else { throw PythonMissing(path: python) }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("abc-xlsx-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let prelude = """
            import sys, os, datetime, zipfile
            import openpyxl, xlsxwriter
            out = sys.argv[1]

            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", prelude + script, folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ScriptFailed(output: output) }
        return folder
    }

    static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
    }
}
