import ABCCore
import Foundation

/// The state of one shell session and the evaluator of its command language.
///
/// Turns lines into output and diagnostics through an `OutputSink`; never reads standard
/// input or writes standard output itself. A failing command leaves the state as it was.
public final class Session {
    /// What the session needs from its surroundings.
    public struct Environment: Sendable {
        /// Folder relative paths are taken from outside scripts.
        public var workingDirectory: String
        /// The terminal's width, or nil for fixed layouts (scripts, pipes).
        public var terminalWidth: Int?
        /// Polled by long operations (Ctrl-C).
        public var isCancelled: @Sendable () -> Bool
        /// Progress of long loads, 0…1; nil when not on a terminal.
        public var progress: (@Sendable (Double) -> Void)?
        /// A clock for `timer on`.
        public var now: @Sendable () -> Double

        public init(
            workingDirectory: String = FileManager.default.currentDirectoryPath,
            terminalWidth: Int? = nil,
            isCancelled: @escaping @Sendable () -> Bool = { false },
            progress: (@Sendable (Double) -> Void)? = nil,
            now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
        ) {
            self.workingDirectory = workingDirectory
            self.terminalWidth = terminalWidth
            self.isCancelled = isCancelled
            self.progress = progress
            self.now = now
        }
    }

    public var environment: Environment
    public private(set) var dataset: Dataset?
    public private(set) var scenario = Scenario(name: "base")
    public private(set) var format: OutputFormat = .table
    public private(set) var timerOn = false
    /// `abc run SCRIPT --data FILE`: every `load` reads this file instead.
    public var dataOverride: String?
    /// Set by `quit`; the driver stops reading.
    public private(set) var quitRequested = false

    /// Scripts being run, to report cycles.
    var scriptStack: [String] = []
    var cachedSegmentation: (key: SegmentationKey, value: Segmentation)?

    struct SegmentationKey: Equatable {
        var datasetGeneration: Int
        var criteria: [WeightedCriterion]
        var rule: TieringRule
    }
    var datasetGeneration = 0

    public init(environment: Environment = Environment()) {
        self.environment = environment
    }

    /// Runs every command of `line`. Returns false at the first error (reported to `output`).
    @discardableResult
    public func execute(_ line: String, origin: CommandOrigin, output: OutputSink) -> Bool {
        let commands: [[Token]]
        do {
            commands = try Tokenizer.commands(in: line)
        } catch {
            output.report(Diagnostic(error.message, at: origin.location(column: error.column), sourceLine: line))
            return false
        }
        for tokens in commands {
            let start = timerOn ? environment.now() : 0
            let ok = execute(tokens: tokens, line: line, origin: origin, output: output)
            if timerOn {
                output.write(String(format: "Run Time: %.3f s\n", environment.now() - start))
            }
            if !ok { return false }
            if quitRequested { return true }
        }
        return true
    }

    private func execute(tokens: [Token], line: String, origin: CommandOrigin, output: OutputSink) -> Bool {
        func fail(_ message: String, column: Int) -> Bool {
            output.report(Diagnostic(message, at: origin.location(column: column), sourceLine: line))
            return false
        }
        do {
            let invocation = try Invocation.parse(tokens)
            if invocation.spec.needsData && dataset == nil {
                return fail("no data loaded; load a file first (e.g. `load sample`)", column: invocation.name.column)
            }
            let context = CommandContext(invocation: invocation, origin: origin, line: line)
            let blocks = try evaluate(context, output: output)
            output.write(render(blocks))
            return true
        } catch let error as CommandError {
            return fail(error.message, column: error.column)
        } catch let error as DataError {
            var diagnostic = Diagnostic(error.message, at: error.location)
            if error.location == nil, let location = origin.location(column: tokens[0].column) {
                diagnostic.location = location
                diagnostic.sourceLine = line
            } else if case .script(let path, let lineNumber) = origin {
                diagnostic.notes.append("while running \(path):\(lineNumber)")
            }
            output.report(diagnostic)
            return false
        } catch let error as RequestError {
            return fail(error.message, column: tokens[0].column)
        } catch is Interrupted {
            return fail("interrupted; nothing was changed", column: tokens[0].column)
        } catch let diagnostic as Diagnostic {
            output.report(diagnostic)
            return false
        } catch {
            return fail("\(error)", column: tokens[0].column)
        }
    }

    /// A command being evaluated, with what errors need to point at it.
    struct CommandContext {
        var invocation: Invocation
        var origin: CommandOrigin
        var line: String

        var arguments: [Token] { invocation.arguments }

        /// Where relative paths are taken from: the script's folder inside scripts.
        func resolve(_ path: String, base: String) -> String {
            if path.hasPrefix("/") { return path }
            if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
                return home + String(path.dropFirst(1))
            }
            if case .script(let script, _) = origin {
                let folder = URL(fileURLWithPath: script).deletingLastPathComponent().path
                return folder + "/" + path
            }
            return base + "/" + path
        }

        func error(_ message: String, at token: Token? = nil) -> CommandError {
            CommandError(message, column: (token ?? invocation.name).column)
        }

        func expectArguments(_ range: ClosedRange<Int>, usage: String) throws(CommandError) {
            guard range.contains(arguments.count) else {
                if arguments.count > range.upperBound {
                    throw error("too many arguments; usage: \(usage)", at: arguments[range.upperBound])
                }
                throw CommandError("missing argument; usage: \(usage)", column: invocation.endColumn + 1)
            }
        }
    }

    func evaluate(_ context: CommandContext, output: OutputSink) throws -> [Block] {
        switch context.invocation.spec.name {
        case "load": return try load(context)
        case "show criteria": return try showCriteria(context)
        case "set weights": return try setWeights(context)
        case "set tiers": return try setTiers(context)
        case "segment": return try segment(context)
        case "export segments": return try exportSegments(context)
        case "run": return try runScript(context, output: output)
        case "set format": return try setFormat(context)
        case "timer": return try setTimer(context)
        case "help": return try help(context)
        case "quit":
            quitRequested = true
            return []
        default:
            throw context.error("'\(context.invocation.spec.name)' is not implemented yet")
        }
    }

    func render(_ blocks: [Block]) -> String {
        var out = ""
        for block in blocks {
            switch block {
            case .text(let text): out += text.hasSuffix("\n") ? text : text + "\n"
            case .table(let table):
                out += TableRenderer.render(table, format: format, width: environment.terminalWidth)
            }
        }
        return out
    }

    /// The current scenario's segmentation, cached until its inputs change.
    func currentSegmentation() throws -> (Dataset, Segmentation) {
        guard let dataset else { throw RequestError("no data loaded; load a file first (e.g. `load sample`)") }
        let criteria = scenario.effectiveCriteria(for: dataset.metrics)
        let key = SegmentationKey(datasetGeneration: datasetGeneration, criteria: criteria, rule: scenario.rule)
        if let cached = cachedSegmentation, cached.key == key { return (dataset, cached.value) }
        let value = try Segmenter.segment(metrics: dataset.metrics, criteria: criteria, rule: scenario.rule)
        cachedSegmentation = (key, value)
        return (dataset, value)
    }

    func replaceDataset(_ new: Dataset) {
        dataset = new
        datasetGeneration += 1
        cachedSegmentation = nil
    }

    func setScenario(_ new: Scenario) { scenario = new }
    func setFormat(_ new: OutputFormat) { format = new }
    func setTimer(_ on: Bool) { timerOn = on }
}
