import ABCCore
import Foundation
import Testing
@testable import ABCShell

/// A session on a tiny hand-made dataset in a temporary folder, for the command tests.
///
/// `ShellFixture.sales` has five customers and eight transactions with cost, 2024-01-01 to
/// 2024-03-31 (91 days; the reference date is the last date). Worked out by hand:
///
///     customer  revenue  cost  profit  margin  orders  first       last        recency  tenure
///     K1            500   250     250  50.00%       2  2024-01-10  2024-03-31        0      81
///     K2            250   150     100  40.00%       1  2024-02-15  2024-02-15       45      45
///     K3            120    70      50  41.67%       2  2024-01-20  2024-03-01       30      71
///     K4             80    60      20  25.00%       1  2024-03-15  2024-03-15       16      16
///     K5             50    40      10  20.00%       2  2024-01-01  2024-02-01       59      90
///     total        1000   570     430  43.00%       8
///
/// (No order column: each row with a positive amount is an order.) The default score is
/// revenue 0.5, profit 0.3, orders 0.2, each min-max normalised (revenue over 50…500, profit
/// over 10…250, orders over 1…2):
///
///     K1 = 0.5 + 0.3 + 0.2                        = 1
///     K2 = 0.5·200/450 + 0.3·90/240               = 0.334722…
///     K3 = 0.5·70/450 + 0.3·40/240 + 0.2          = 0.327777…
///     K5 = 0 + 0 + 0.2                            = 0.2
///     K4 = 0.5·30/450 + 0.3·10/240                = 0.045833…
///
/// so the ranks are K1, K2, K3, K5, K4, and count 20/30/50 of 5 customers gives
/// A = ranks 1…⌊5·20/100⌋ = K1, B = ranks up to ⌊5·50/100⌋ = 2: K2, C = K3, K5, K4.
/// Ranked by revenue alone (`set weights revenue 1`) the order is K1, K2, K3, K4, K5, with the
/// same tiers.
///
/// Use it as `let f = try ShellFixture(); defer { f.remove() }`: the folder goes when the test ends.
final class ShellFixture {
    static let sales = """
        customer_id,date,amount,cost
        K1,2024-01-10,300.00,150.00
        K1,2024-03-31,200.00,100.00
        K2,2024-02-15,250.00,150.00
        K3,2024-01-20,70.00,40.00
        K3,2024-03-01,50.00,30.00
        K4,2024-03-15,80.00,60.00
        K5,2024-01-01,30.00,25.00
        K5,2024-02-01,20.00,15.00

        """

    let folder: URL
    let session: Session

    /// A temporary folder with `files` (name → text) in it and a session working there,
    /// through `fileSystem` (the real one by default); then `setup` is run and must succeed.
    /// `configure` may change the rest of the session's environment (a clock, a terminal width).
    init(
        files: [String: String] = ["sales.csv": ShellFixture.sales], fileSystem: (any FileSystem)? = nil,
        setup: String? = "load sales.csv", configure: (inout Session.Environment) -> Void = { _ in },
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("abc-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        var environment = Session.Environment(workingDirectory: folder.path, home: nil, fileSystem: fileSystem ?? POSIXFileSystem())
        configure(&environment)
        session = Session(environment: environment)
        if let setup { run(setup, sourceLocation: sourceLocation) }
    }

    /// Removes the temporary folder.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The absolute path of `name` in the folder.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Runs `line` as typed with `abc -c`; records an issue when it fails. What it printed.
    @discardableResult
    func run(_ line: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> CapturedOutput {
        let output = CapturedOutput()
        let ok = session.execute(line, origin: .commandLine, output: output)
        if !ok || !output.diagnostics.isEmpty {
            Issue.record("`\(line)` failed: \(output.diagnostics.map(\.message))", sourceLocation: sourceLocation)
        }
        return output
    }

    /// Runs `line`, which must fail; the first error it reported.
    /// Runs `line`, which must fail with `message` at `column`.
    func expectFailure(
        _ line: String, message: String, column: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let d = try #require(failure(line, sourceLocation: sourceLocation), sourceLocation: sourceLocation)
        #expect(d.message == message, sourceLocation: sourceLocation)
        #expect(d.location?.column == column, sourceLocation: sourceLocation)
    }

    func failure(_ line: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
        let output = CapturedOutput()
        if session.execute(line, origin: .commandLine, output: output) {
            Issue.record("`\(line)` should have failed", sourceLocation: sourceLocation)
        }
        return output.diagnostics.first
    }

    /// Parses `line` (one command) as the command table does, checking it names a `C`.
    func parse<C: ShellCommand>(
        _ line: String, as type: C.Type, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> C {
        try Self.parse(line, as: type, sourceLocation: sourceLocation)
    }

    static func parse<C: ShellCommand>(
        _ line: String, as type: C.Type, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> C {
        try C(parsing: invocation(line, of: type, sourceLocation: sourceLocation))
    }

    /// `line` matched against the command table, which must take it for a `C`.
    static func invocation<C: ShellCommand>(
        _ line: String, of type: C.Type, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Invocation {
        let commands = try Tokenizer.commands(in: line)
        let tokens = try #require(commands.count == 1 ? commands.first : nil, "one command", sourceLocation: sourceLocation)
        let invocation = try Invocation.parse(tokens)
        let named = ObjectIdentifier(invocation.command) == ObjectIdentifier(C.self)
        try #require(named, "`\(line)` is \(invocation.command), not \(C.self)", sourceLocation: sourceLocation)
        return invocation
    }

    /// Parses `line` as a `C` and runs it against the session: the blocks it returns, before
    /// rendering. Errors are thrown as the command throws them.
    func blocks<C: ShellCommand>(
        _ line: String, as type: C.Type, output: CapturedOutput = CapturedOutput(),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> [Block] {
        let invocation = try Self.invocation(line, of: type, sourceLocation: sourceLocation)
        let command = try C(parsing: invocation)
        let context = CommandContext(session: session, invocation: invocation, origin: .commandLine, line: line, output: output)
        return try command.run(in: context)
    }
}

extension Array where Element == Block {
    /// The tables, in order.
    var tables: [Table] {
        compactMap { if case .table(let table) = $0 { table } else { nil } }
    }

    /// The text blocks, one per line.
    var text: String {
        compactMap { if case .text(let text) = $0 { text } else { nil } }.joined(separator: "\n")
    }

    /// The first table whose title starts with `prefix`.
    func table(titled prefix: String) -> Table? {
        tables.first { $0.title?.hasPrefix(prefix) == true }
    }
}

extension Table {
    /// The rows as records, column title → cell.
    var records: [[String: String]] {
        rows.map { row in
            Dictionary(zip(columns.map(\.title), row), uniquingKeysWith: { first, _ in first })
        }
    }

    /// The cell under `column` in the first row whose first cell is `row`.
    subscript(row: String, column: String) -> String? {
        guard let c = columns.firstIndex(where: { $0.title == column }),
              let r = rows.first(where: { $0.first == row }), c < r.count else { return nil }
        return r[c]
    }

    /// Every cell under `column`, top to bottom.
    func column(_ title: String) -> [String] {
        guard let c = columns.firstIndex(where: { $0.title == title }) else { return [] }
        return rows.map { c < $0.count ? $0[c] : "" }
    }
}
