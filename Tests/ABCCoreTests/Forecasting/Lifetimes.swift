import Foundation

/// The peer the purchase models are checked against: `lifetimes` 0.11.3 in the Makefile's
/// virtual environment (`make venv`; `ABC_PYTHON` under `make test`), with the CDNOW sample it
/// ships. Without it the tests fail, never skip.
enum Lifetimes {
    struct ScriptFailed: Error, CustomStringConvertible {
        var output: String
        var description: String { "the lifetimes script failed (run `make venv`, or set ABC_PYTHON):\n\(output)" }
    }

    /// Runs `script` with `lifetimes`, `numpy as np`, `pandas as pd`, `json` and `datasets`
    /// (the folder of the CDNOW files) defined, `input` on standard input; returns its stdout.
    static func run(_ script: String, input: String = "") throws -> String {
        let prelude = """
            import sys, os, json
            import numpy as np, pandas as pd, lifetimes
            from lifetimes import BetaGeoFitter, GammaGammaFitter
            datasets = os.path.join(os.path.dirname(lifetimes.__file__), "datasets")

            """
        guard FileManager.default.isExecutableFile(atPath: Workbooks.python) else {
            throw ScriptFailed(output: "no python at \(Workbooks.python)")
        }
        // stdin and stderr are files, so only stdout is a pipe and nothing can block on a full one.
        let folder = try Fixture.makeDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputURL = folder.appendingPathComponent("input"), errorURL = folder.appendingPathComponent("stderr")
        try Data(input.utf8).write(to: inputURL)
        try Data().write(to: errorURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Workbooks.python)
        process.arguments = ["-c", prelude + script]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardInput = try FileHandle(forReadingFrom: inputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ScriptFailed(output: (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `run`, its output parsed as JSON.
    static func json(_ script: String, input: String = "") throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try run(script, input: input).utf8))
    }

    /// The CDNOW calibration sample (2,357 customers, 39 weeks): x, tₓ, T in weeks and the
    /// mean repeat purchase value zbar, as `lifetimes` ships it.
    struct CDNOW {
        var x: [Int] = []
        var tx: [Double] = []
        var T: [Double] = []
        var zbar: [Double] = []
    }

    static func cdnow() throws -> CDNOW {
        let text = try run("sys.stdout.write(open(os.path.join(datasets, 'cdnow_customers_summary_with_transactions.csv')).read())")
        var data = CDNOW()
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            guard f.count == 5, let x = Int(f[1]), let tx = Double(f[2]), let T = Double(f[3]), let z = Double(f[4]) else {
                throw ScriptFailed(output: "unexpected CDNOW line: \(line)")
            }
            data.x.append(x)
            data.tx.append(tx)
            data.T.append(T)
            data.zbar.append(z)
        }
        return data
    }
}
