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
    /// Every scenario in creation order; `base` always exists and comes first.
    public private(set) var scenarios = [Scenario(name: "base")]
    /// The name of the scenario commands apply to.
    public private(set) var currentScenarioName = "base"
    /// The `load` command that made the dataset, for `save`.
    var loadCommand: LoadCommand?
    public private(set) var format: OutputFormat = .table
    public private(set) var timerOn = false
    /// `abc run SCRIPT --data FILE`: every `load` reads this file instead.
    public var dataOverride: String?
    /// Set by `quit`; the driver stops reading.
    public private(set) var quitRequested = false
    /// Key bindings asked for with `set editor`; the interactive driver applies them.
    public internal(set) var editorMode = "emacs"
    /// The interactive driver's history, for `history` (none in scripts).
    public var historyProvider: (() -> [String])?

    /// Scripts being run, to report cycles.
    var scriptStack: [String] = []
    /// Segmentations and simulations by their inputs; cleared on load.
    var segmentationCache: [(key: SegmentationKey, value: Segmentation)] = []
    var simulationCache: [(key: SimulationKey, value: SimulationOutcome)] = []

    struct SimulationKey: Equatable {
        var segmentation: SegmentationKey
        var levers: [Lever]
    }

    struct SegmentationKey: Equatable {
        var datasetGeneration: Int
        var criteria: [WeightedCriterion]
        var rule: TieringRule
        var period: Period?
        var asOf: Int32?
    }

    struct ScopeKey: Equatable {
        var datasetGeneration: Int
        var period: Period?
        var asOf: Int32?
    }
    var scopeCache: [(key: ScopeKey, value: ScopedMetrics)] = []
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
            output.report(Diagnostic(error.message, at: origin.location(column: error.column), sourceLine: line, column: error.column))
            return false
        }
        for tokens in commands {
            let start = environment.now()
            let ok = execute(tokens: tokens, line: line, origin: origin, output: output)
            if timerOn {
                output.note(String(format: "Run Time: %.3f s\n", environment.now() - start))
            }
            if !ok { return false }
            if quitRequested { return true }
        }
        return true
    }

    private func execute(tokens: [Token], line: String, origin: CommandOrigin, output: OutputSink) -> Bool {
        func fail(_ message: String, column: Int) -> Bool {
            output.report(Diagnostic(message, at: origin.location(column: column), sourceLine: line, column: column))
            return false
        }
        do {
            let invocation = try Invocation.parse(tokens)
            if invocation.spec.needsData && dataset == nil {
                return fail("no data loaded; load a file first (e.g. `load sample`)", column: invocation.name.column)
            }
            let context = CommandContext(invocation: invocation, origin: origin, line: line)
            let blocks = try evaluate(context, output: output)
            if format == .csv || format == .json {
                var tables: [Table] = []
                for block in blocks {
                    switch block {
                    case .text(let text): output.note(text.hasSuffix("\n") ? text : text + "\n")
                    case .table(let table): tables.append(table)
                    }
                }
                // JSON: one document per command (an object of its tables when it has several).
                if format == .json && tables.count > 1 {
                    output.write(TableRenderer.json(tables))
                } else {
                    for table in tables { output.write(render([.table(table)])) }
                }
            } else {
                output.write(render(blocks))
            }
            return true
        } catch let error as CommandError {
            return fail(error.message, column: error.column)
        } catch let error as DataError {
            var diagnostic = Diagnostic(error.message, at: error.location)
            if error.location == nil {
                diagnostic.location = origin.location(column: tokens[0].column)
                diagnostic.sourceLine = line
                diagnostic.column = tokens[0].column
            } else if case .script(let path, let lineNumber, _) = origin {
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
        } catch is AlreadyReported {
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
            if case .script(let script, _, _) = origin {
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
        case "export chart": return try exportChart(context)
        case "export report": return try exportReport(context)
        case "chart": return try chart(context)
        case "run": return try runScript(context, output: output)
        case "scenario new": return try scenarioNew(context)
        case "scenario use": return try scenarioUse(context)
        case "scenario list": return try scenarioList(context)
        case "scenario show": return try scenarioShow(context)
        case "scenario drop": return try scenarioDrop(context)
        case "lever list": return try leverList(context)
        case "lever remove": return try leverRemove(context)
        case "lever clear": return try leverClear(context)
        case "simulate": return try simulate(context)
        case "sweep": return try sweep(context)
        case "seek": return try seek(context)
        case "compare": return try compare(context)
        case "save": return try save(context)
        case "expect": return try expect(context)
        case "set format": return try setFormat(context)
        case "set period": return try setPeriod(context)
        case "track": return try track(context)
        case "set asof": return try setAsOf(context)
        case "set editor": return try setEditor(context)
        case "history": return try history(context)
        case "timer": return try setTimer(context)
        case "help": return try help(context)
        case "quit":
            try context.expectArguments(0...0, usage: "quit")
            quitRequested = true
            return []
        default:
            if context.invocation.spec.words[0] == "lever" { return try addLever(context) }
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

    /// The scenario commands apply to.
    public var scenario: Scenario { scenarios.first { $0.name == currentScenarioName }! }

    public func scenario(named name: String) -> Scenario? { scenarios.first { $0.name == name } }

    /// The current scenario's segmentation, cached until its inputs change.
    func currentSegmentation() throws -> (Dataset, Segmentation) {
        try segmentation(of: scenario)
    }

    /// The customers and metrics a scenario works on: its period and as-of date applied.
    func scope(of scenario: Scenario) throws -> ScopedMetrics {
        guard let dataset else { throw RequestError("no data loaded; load a file first (e.g. `load sample`)") }
        let key = ScopeKey(datasetGeneration: datasetGeneration, period: scenario.period, asOf: scenario.asOf)
        if let cached = scopeCache.first(where: { $0.key == key }) { return cached.value }
        let value = try dataset.scopedMetrics(period: scenario.period, asOf: scenario.asOf)
        guard value.metrics.count > 0 else {
            throw RequestError("no customer bought in \(value.window?.description ?? "the data")")
        }
        scopeCache.append((key, value))
        if scopeCache.count > 8 { scopeCache.removeFirst() }
        return value
    }

    /// A scenario's pre-lever segmentation, computed once per set of inputs.
    func segmentation(of scenario: Scenario) throws -> (Dataset, Segmentation) {
        guard let dataset else { throw RequestError("no data loaded; load a file first (e.g. `load sample`)") }
        let key = segmentationKey(scenario, dataset)
        if let cached = segmentationCache.first(where: { $0.key == key }) { return (dataset, cached.value) }
        let metrics = try scope(of: scenario).metrics
        let value = try Segmenter.segment(metrics: metrics, criteria: key.criteria, rule: scenario.rule)
        segmentationCache.append((key, value))
        if segmentationCache.count > 16 { segmentationCache.removeFirst() }
        return (dataset, value)
    }

    /// A scenario's levers applied (expected values), computed once per set of inputs.
    func simulation(of scenario: Scenario) throws -> (Dataset, Segmentation, SimulationOutcome) {
        let (dataset, segmentation) = try segmentation(of: scenario)
        let key = SimulationKey(segmentation: segmentationKey(scenario, dataset), levers: scenario.levers)
        if let cached = simulationCache.first(where: { $0.key == key }) { return (dataset, segmentation, cached.value) }
        let value = try Simulator.run(metrics: try scope(of: scenario).metrics, segmentation: segmentation, levers: scenario.levers)
        simulationCache.append((key, value))
        if simulationCache.count > 8 { simulationCache.removeFirst() }
        return (dataset, segmentation, value)
    }

    private func segmentationKey(_ scenario: Scenario, _ dataset: Dataset) -> SegmentationKey {
        SegmentationKey(
            datasetGeneration: datasetGeneration, criteria: scenario.effectiveCriteria(for: dataset.metrics),
            rule: scenario.rule, period: scenario.period, asOf: scenario.asOf)
    }

    func replaceDataset(_ new: Dataset, command: LoadCommand) {
        dataset = new
        loadCommand = command
        datasetGeneration += 1
        segmentationCache.removeAll()
        simulationCache.removeAll()
        scopeCache.removeAll()
    }

    /// Replaces the current scenario's settings.
    func setScenario(_ new: Scenario) {
        let index = scenarios.firstIndex { $0.name == currentScenarioName }!
        scenarios[index] = new
    }

    func addScenario(_ new: Scenario) {
        scenarios.append(new)
        currentScenarioName = new.name
    }

    func useScenario(_ name: String) { currentScenarioName = name }

    func removeScenario(_ name: String) {
        scenarios.removeAll { $0.name == name }
        if currentScenarioName == name { currentScenarioName = "base" }
    }
    func setFormat(_ new: OutputFormat) { format = new }
    func setTimer(_ on: Bool) { timerOn = on }
}
