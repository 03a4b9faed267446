import ABCCore
import ABCShell
import Foundation

/// The command language's fuzz entry point: lines → output and diagnostics, never a crash.
///
/// Each input is a fresh session on a tiny dataset (`sales.csv`, loaded first so commands do
/// real work), whose lines run as piped input would: fenced to the session's folder
/// (`Fence`). Exports and scripts go to an in-memory file system; the folder is real only for
/// the loader, and holds nothing but `sales.csv` and `revenue.csv`. So an input cannot write a
/// real file (writers that need a real path, `.xlsx` exports, are refused), read a script off
/// disk, or load anything but those two: `sample` and `-` are files of the in-memory folder,
/// so `load sample` and `load -` name missing real files instead of the bundled sample
/// (seconds in a debug build) and standard input (a hang). Inputs are capped (`maxLines`
/// lines of at most `maxLineLength` bytes), and lines slow by design (more than `maxRuns`
/// Monte Carlo runs, a sweep past its step limit with `--force`) are skipped.
public enum CommandHarness {
    static let maxLines = 64
    static let maxLineLength = 1024
    static let maxRuns = 1000

    /// The tiny dataset: 8 customers, 12 orders over a quarter, with cost, order ids and a
    /// text attribute, so segmentation, levers, `segment by` and the margin paths all apply.
    static let sales = """
        customer_id,order_id,date,amount,cost,country
        K1,O1,2024-01-10,300.00,150.00,DE
        K1,O2,2024-03-31,200.00,100.00,DE
        K2,O3,2024-02-15,250.00,150.00,FR
        K3,O4,2024-01-20,70.00,40.00,FR
        K3,O5,2024-03-01,50.00,30.00,
        K4,O6,2024-03-15,80.00,60.00,IT
        K5,O7,2024-01-01,30.00,25.00,DE
        K5,O8,2024-02-01,20.00,15.00,DE
        K6,O9,2024-02-20,-15.00,-5.00,IT
        K7,O10,2024-03-30,0.00,0.00,FR
        K8,O11,2024-01-05,999.99,1200.00,ES
        K8,O12,2024-01-06,1.01,0.50,ES

        """

    /// Revenue alone (no cost, no dates' order column), for `set margin` and the paths of data
    /// without profit: `load revenue.csv`.
    static let revenue = """
        customer,date,amount
        R1,2024-01-01,100
        R2,2024-01-02,50
        R2,2024-02-02,25
        R3,2024-03-03,10

        """

    static let files = [("sales.csv", sales), ("revenue.csv", revenue)]

    /// The real folder holding `files`, written once; nil when it cannot be.
    static let dataFolder: String? = {
        guard let scratch = Scratch.shared else { return nil }
        for (name, text) in files where scratch.replace(name, with: Array(text.utf8)) == nil { return nil }
        return scratch.path
    }()

    /// `run` as libFuzzer calls it.
    public static let entryPoint: FuzzEntryPoint = { data, size in
        run(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }

    /// Runs one input. Deterministic: a fixed clock and width, one loader thread, a fresh
    /// session and file system per input.
    public static func run(_ bytes: UnsafeRawBufferPointer) {
        guard let folder = dataFolder else { return }
        let memory = InMemoryFileSystem(folders: [folder])
        for (name, text) in files { memory.put(text, at: folder + "/" + name) }
        memory.put("", at: folder + "/sample")
        memory.put("", at: folder + "/-")
        let environment = Session.Environment(
            workingDirectory: folder, home: nil, terminalWidth: 72, now: { 0 },
            fileSystem: SandboxFileSystem(memory: memory), loaderThreads: 1)
        let session = Session(environment: environment)
        let output = DiscardedOutput()
        session.execute("load sales.csv", origin: .standardInput(line: 0), output: output)

        let text = String(decoding: bytes, as: UTF8.self)
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(maxLines).enumerated() {
            let line = String(decoding: line.utf8.prefix(maxLineLength), as: UTF8.self)
            if isSlowByDesign(line) { continue }
            session.execute(line, origin: .standardInput(line: i + 1), output: output)
            if session.quitRequested { break }
        }
    }

    /// Whether `line` asks for more Monte Carlo runs than `maxRuns`, or forces a large sweep.
    static func isSlowByDesign(_ line: String) -> Bool {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" })
            .map { $0.filter { $0 != "\"" && $0 != "'" }.lowercased() }
        func tooMany(_ runs: String) -> Bool { Int(runs).map { $0 > maxRuns } ?? false }
        for (i, word) in words.enumerated() {
            if word == "--runs", i + 1 < words.count, tooMany(words[i + 1]) { return true }
            if word.hasPrefix("--runs="), tooMany(String(word.dropFirst("--runs=".count))) { return true }
            if word == "--force", words.contains("sweep") { return true }
        }
        return false
    }
}

/// The in-memory file system, refusing writers that need a real path (`.xlsx` exports).
struct SandboxFileSystem: FileSystem {
    let memory: InMemoryFileSystem

    func write(_ bytes: [UInt8], to path: String, replace: Bool) throws(RequestError) {
        try memory.write(bytes, to: path, replace: replace)
    }

    func write(to path: String, replace: Bool, producedBy produce: (String) throws(RequestError) -> Void) throws(RequestError) {
        throw RequestError("cannot write '\(path)': the fuzz harness writes no real files")
    }

    func contents(of path: String) -> [UInt8]? { memory.contents(of: path) }
    func entry(at path: String) -> (exists: Bool, isDirectory: Bool) { memory.entry(at: path) }
    func names(inFolder path: String) -> [String]? { memory.names(inFolder: path) }
    func canonicalPath(_ path: String) -> String { memory.canonicalPath(path) }
}

/// Output nobody reads: the commands still render everything they print, and diagnostics are
/// rendered as the executable prints them.
final class DiscardedOutput: OutputSink {
    func write(_ text: String) {}
    func report(_ diagnostic: Diagnostic) { _ = DiagnosticRenderer.render(diagnostic, colour: false) }
}
