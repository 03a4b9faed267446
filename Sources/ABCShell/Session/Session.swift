import ABCCore
import ABCWarehouse
import Foundation

/// The state of one shell session and the runner of its commands.
///
/// Holds the dataset, the scenarios and the settings; `execute` turns a line into commands
/// (`CommandTable`), runs each against the session and reports what they print and their
/// errors through an `OutputSink`. Never reads standard input or writes standard output
/// itself. A failing command leaves the state as it was.
public final class Session {
    /// What the session needs from its surroundings.
    public struct Environment: Sendable {
        /// Folder relative paths are taken from outside scripts.
        public var workingDirectory: String
        /// `~/` in paths; nil when there is no home folder.
        public var home: String?
        /// The terminal's width, or nil for fixed layouts (scripts, pipes).
        public var terminalWidth: Int?
        /// Polled by long operations (Ctrl-C).
        public var isCancelled: @Sendable () -> Bool
        /// Progress of long commands (loads, Monte Carlo runs, `track`, `sweep`), 0…1; nil
        /// when not on a terminal.
        public var progress: (@Sendable (Double) -> Void)?
        /// A clock for `timer on`.
        public var now: @Sendable () -> Double
        /// Exports, scripts and completion go through it.
        public var fileSystem: any FileSystem
        /// Threads the loader may use; nil for one per core.
        public var loaderThreads: Int?
        /// The bytes a load may take now (the machine's available memory, asked at each load);
        /// nil returns no limit. `load --memory-limit` overrides it.
        public var availableMemory: @Sendable () -> Int?
        /// The commands come from standard input (a pipe, or the terminal): `load -` cannot read data there.
        public var standardInputHoldsCommands = false

        public init(
            workingDirectory: String = FileManager.default.currentDirectoryPath,
            home: String? = ProcessInfo.processInfo.environment["HOME"],
            terminalWidth: Int? = nil,
            isCancelled: @escaping @Sendable () -> Bool = { false },
            progress: (@Sendable (Double) -> Void)? = nil,
            now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
            fileSystem: any FileSystem = POSIXFileSystem(),
            loaderThreads: Int? = nil,
            availableMemory: @escaping @Sendable () -> Int? = { nil }
        ) {
            self.workingDirectory = workingDirectory
            self.home = home
            self.terminalWidth = terminalWidth
            self.isCancelled = isCancelled
            self.progress = progress
            self.now = now
            self.fileSystem = fileSystem
            self.loaderThreads = loaderThreads
            self.availableMemory = availableMemory
        }
    }

    static let noDataMessage = "no data loaded; load a file first (e.g. `load sample`)"

    public var environment: Environment
    var fileSystem: any FileSystem { environment.fileSystem }
    /// Segmentations and simulations of the scenarios, cached.
    let evaluator = ScenarioEvaluator()
    public var dataset: Dataset? { evaluator.dataset }
    /// Every scenario in creation order; `base` always exists and comes first.
    public private(set) var scenarios = [Scenario(name: "base")]
    /// The name of the scenario commands apply to.
    public private(set) var currentScenarioName = "base"
    /// The `load` that made the dataset, for `save`.
    private(set) var loadRecord: LoadRecord?
    /// A typed line as history keeps it: passwords in postgres:// URLs as `***`.
    public static func historyLine(_ line: String) -> String { PostgresURL.redactPasswords(in: line) }

    /// The server, table and aggregation of a `load postgres://…`, for `show sql` (nil after a
    /// file load).
    var warehouse: (request: WarehouseLoader.Request, query: AggregationQuery)?
    public private(set) var format: OutputFormat = .table
    public private(set) var timerOn = false
    /// `abc run SCRIPT --data [N=]FILE`: the files that replace the scripts' loads
    /// (`replaceLoads`), and how many loads have run.
    var dataOverrides: [DataOverride] = []
    var loadsRun = 0
    /// Where output goes when not to the screen (`output`, `once`, `set format csv --all`).
    var outputRedirect = OutputRedirect()
    /// Set by `quit`; the driver stops reading.
    public internal(set) var quitRequested = false
    /// Key bindings asked for with `set editor`; the interactive driver applies them.
    public internal(set) var editorMode = "emacs"
    /// The interactive driver's history, for `history` (none in scripts).
    public var historyProvider: (() -> [String])?
    /// Told after each of the session's own commands that changed the data, the scenarios or
    /// which is current (the journal; `stateScript` is what to keep).
    public var stateObserver: ((Session) -> Void)?
    /// The open workspace, nil when none is: then nothing is written but what commands name.
    var workspace: OpenWorkspace?
    /// While a workspace's scenarios are replayed into the session: not written back.
    var isRestoringScenarios = false
    /// What `abc run`'s command line lets scripts do beyond their folder (`Fence`).
    public var allowances = ScriptAllowances()
    /// Real paths of the files this session created: the only ones a script's `--force`
    /// replaces (`Fence`).
    private(set) var createdFiles: Set<String> = []
    /// Scripts being run (canonical paths), to report cycles.
    var scriptStack: [String] = []
    /// The folder of the outermost script being run, as its relative paths are taken: the
    /// fence of every command the scripts run (`CommandContext.fence`).
    var outermostScriptFolder: String?
    /// Commands running now: a `run` runs its script's commands inside its own. Only the
    /// outermost ones (depth 0) are the session's own: recorded for `save`, one undo step each.
    private(set) var depth = 0
    /// The session's successful commands in the order they ran, as `save` writes them back
    /// (undone ones removed).
    private(set) var record: [RecordedCommand] = []
    /// Whether the note on scripts from before `ScenarioScript.version` was printed.
    var oldScriptNoted = false
    /// The record's entry of the load the interactive shell opens with, while it is the last:
    /// a `load` typed next replaces it, so the saved script loads what the user loaded.
    private var openingLoad: Int?
    /// The scenarios as they were before each command that changed them, newest last
    /// (`undo`), with the place in `record` of the command that changed them.
    private(set) var undoStack: [(scenarios: [Scenario], current: String, recorded: Int?, command: String)] = []
    static let undoDepth = 100
    /// The scenarios as last saved (or as a fresh session has them).
    private var savedScenarios = [Scenario(name: "base")]

    /// Whether the scenarios differ from what was last saved: leaving then loses work.
    public var hasUnsavedChanges: Bool { scenarios != savedScenarios }

    /// The scenarios as they are now are saved (`save`).
    func markSaved() { savedScenarios = scenarios }

    /// A file this session wrote at `path`, which did not exist before.
    func noteCreated(_ path: String) { createdFiles.insert(fileSystem.realPath(ofPossiblyMissing: path)) }

    /// The interactive driver keeps the session open after all (the user was warned first).
    public func cancelQuit() { quitRequested = false }

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
            report(Diagnostic(error.message, at: origin.location(column: error.column), sourceLine: line, column: error.column), origin: origin, to: output)
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

    /// Parses and runs one command; the one place where errors become diagnostics.
    private func execute(tokens: [Token], line: String, origin: CommandOrigin, output: OutputSink) -> Bool {
        func fail(_ message: String, column: Int) -> Bool {
            report(Diagnostic(message, at: origin.location(column: column), sourceLine: line, column: column), origin: origin, to: output)
            return false
        }
        let column = tokens.first?.column ?? 1
        let outermost = depth == 0
        depth += 1
        defer { depth -= 1 }
        do {
            let invocation = try Invocation.parse(tokens)
            if invocation.spec.needsData && dataset == nil {
                return fail(Self.noDataMessage, column: invocation.name.column)
            }
            let command = try invocation.command.init(parsing: invocation)
            let context = CommandContext(session: self, invocation: invocation, origin: origin, line: line, output: output)
            // One undo step per command that changes the scenarios; a `run` is one step.
            let before = (scenarios: scenarios, current: currentScenarioName, load: loadRecord)
            let blocks = try command.run(in: context)
            if outermost {
                var recorded: Int?
                if invocation.command.saved != .omitted {
                    if invocation.command.loadsData, let opening = openingLoad, opening == record.count - 1 {
                        record.removeLast()
                    }
                    openingLoad = nil
                    record.append(RecordedCommand(words: command.scriptWords(tokens, in: context), saved: invocation.command.saved))
                    recorded = record.count - 1
                }
                if invocation.command.isUndoable, before.scenarios != scenarios || before.current != currentScenarioName {
                    let typed = tokens.map { $0.quoted ? Tokenizer.quote($0.text) : $0.text }.joined(separator: " ")
                    undoStack.append((before.scenarios, before.current, recorded, typed))
                    if undoStack.count > Self.undoDepth { undoStack.removeFirst() }
                }
            }
            try emit(blocks, command: invocation.spec.name, context: context)
            if outermost, before.scenarios != scenarios || before.current != currentScenarioName || before.load != loadRecord {
                keepScenariosInWorkspace(output: output)
                stateObserver?(self)
            }
            return true
        } catch let error as CommandError {
            return fail(error.message, column: error.column)
        } catch let error as DataError {
            var diagnostic = Diagnostic(error.message, at: error.location)
            if error.location == nil {
                diagnostic.location = origin.location(column: column)
                diagnostic.sourceLine = line
                diagnostic.column = column
            } else if case .script(let path, let lineNumber, _) = origin {
                diagnostic.notes.append("while running \(path):\(lineNumber)")
            }
            report(diagnostic, origin: origin, to: output)
            return false
        } catch let error as RequestError {
            return fail(error.message, column: column)
        } catch is Interrupted {
            return fail("interrupted; nothing was changed", column: column)
        } catch let diagnostic as Diagnostic {
            report(diagnostic, origin: origin, to: output)
            return false
        } catch is AlreadyReported {
            return false
        } catch {
            return fail("\(error)", column: column)
        }
    }

    /// Reports a diagnostic; from a script or piped input, echoing at most
    /// `Diagnostic.echoLimit` characters of the line.
    private func report(_ diagnostic: Diagnostic, origin: CommandOrigin, to output: OutputSink) {
        output.report(origin.isFenced ? diagnostic.clippingSource() : diagnostic)
    }

    // MARK: State

    /// The scenario commands apply to.
    public var scenario: Scenario { scenario(named: currentScenarioName) ?? scenarios[0] }

    public func scenario(named name: String) -> Scenario? { scenarios.first { $0.name == name } }

    func replaceDataset(_ new: Dataset, record: LoadRecord) {
        evaluator.replaceDataset(new)
        loadRecord = record
        warehouse = nil
    }

    /// Replaces the current scenario's settings.
    func setScenario(_ new: Scenario) {
        guard let index = scenarios.firstIndex(where: { $0.name == currentScenarioName }) else { return }
        scenarios[index] = new
    }

    /// Replaces the current scenario's settings once its window is known to hold data.
    func setScenario(checkingWindow new: Scenario) throws {
        if let dataset { _ = try dataset.scopedMetrics(period: new.period, asOf: new.asOf) }
        setScenario(new)
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

    /// Replaces every scenario at once (renames, reorders); `base` must stay first and
    /// `current` must name one of them.
    func replaceScenarios(_ new: [Scenario], current: String) {
        guard new.first?.name == "base", new.contains(where: { $0.name == current }) else { return }
        scenarios = new
        currentScenarioName = current
    }

    /// Goes back to the scenarios before the last command that changed them; nil when there
    /// is nothing to undo.
    /// The undone command leaves the record too (what ran after it stays: undo steps are
    /// taken newest first, so no later step points past it).
    /// Runs the load the interactive shell opens with (the sample, or the file it was given):
    /// recorded like any command, but a `load` typed right after it takes its place in `save`.
    @discardableResult
    public func executeOpeningLoad(_ line: String, output: OutputSink) -> Bool {
        let before = record.count
        let ok = execute(line, origin: .interactive, output: output)
        openingLoad = ok && record.count == before + 1 ? before : nil
        return ok
    }

    /// Takes back the last change: the command that made it, as typed.
    func undo() -> String? {
        guard let last = undoStack.popLast() else { return nil }
        scenarios = last.scenarios
        currentScenarioName = last.current
        if let recorded = last.recorded, recorded < record.count { record.remove(at: recorded) }
        return last.command
    }

    /// A replay into a workspace that keeps scenarios starts from a fresh base too, but keeps
    /// the old scenarios beside it as `NAME~1` (`~2`… when taken): what it names them.
    func resetScenariosKeepingCopies() -> [String] {
        let taken = Set(scenarios.map(\.name))
        func copyName(_ name: String) -> String {
            var k = 1
            while taken.contains("\(name)~\(k)") { k += 1 }
            return "\(name)~\(k)"
        }
        let renamed = Dictionary(uniqueKeysWithValues: scenarios.map { ($0.name, copyName($0.name)) })
        let kept = scenarios.filter { $0 != Scenario(name: "base") }  // a fresh base needs no copy
        let keptNames = Set(kept.map(\.name))
        let copies = kept.map { old -> Scenario in
            var copy = old
            copy.name = renamed[old.name] ?? old.name
            let parent = old.name == "base" ? "base" : old.parent ?? "base"
            copy.parent = keptNames.contains(parent) && parent != old.name ? renamed[parent] : parent
            return copy
        }
        scenarios = [Scenario(name: "base")] + copies
        currentScenarioName = "base"
        return copies.map(\.name)
    }

    /// A replay starts from a fresh session's scenarios (`Session+Scripts`).
    func resetScenarios() {
        scenarios = [Scenario(name: "base")]
        currentScenarioName = "base"
    }

    /// Counts a load as it runs; the `--data` file that replaces it, if any.
    func nextDataOverride() -> DataOverride? {
        loadsRun += 1
        return dataOverrides.first { ($0.loadNumber ?? 1) == loadsRun }
    }

    func setFormat(_ new: OutputFormat) { format = new }
    func setTimer(_ on: Bool) { timerOn = on }

    /// Money as typed back in scripts and lever listings: the loaded dataset's decimals (2
    /// without data), more when the amount has more, so `per-order 4.125` stays exact.
    func moneyFormatter() -> (Int64) -> String {
        let decimals = dataset?.moneyDecimals ?? 2
        return { FixedPoint.formatExact(Int128($0), minimumDecimals: decimals) }
    }
}

/// A command that succeeded, as `save` writes it back.
struct RecordedCommand: Equatable {
    var words: [ScriptWord]
    var saved: SavedAs
}

/// The `load` that made the dataset: what `save` writes back.
struct LoadRecord: Equatable {
    /// Absolute paths and patterns (`/data/sales_2024_*.csv`: a replay reads the files that
    /// match then), or `sample`.
    var paths: [String]
    var options: [String]
}

/// Thrown after a failure inside a script has been reported, to unwind without reporting twice.
struct AlreadyReported: Error {}
