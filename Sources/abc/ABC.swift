import ABCShell
import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `abc`: the executable. Parses arguments, sets up the terminal, and drives a `Session`.
@main
struct ABC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abc",
        abstract: "ABC customer segmentation and what-if strategy simulation.",
        usage: "abc [FILE] [-c COMMANDS] [--workspace PATH] | abc run SCRIPT… [--data [N=]FILE [LOAD OPTIONS]] [--workspace PATH]",
        discussion: """
            abc                      open the shell on the bundled sample dataset
            abc FILE                 open the shell with FILE loaded
            abc -c 'load x.csv; segment'   run commands and exit
            abc run SCRIPT…          replay scenario scripts (stops at the first error)
            Commands piped on standard input run as a script.
            """,
        version: "0.2.0",
        subcommands: [Shell.self, Run.self, Bench.self],
        defaultSubcommand: Shell.self)
}

/// Knobs set for the whole process by environment variables, read here and passed down: the
/// libraries read no environment.
enum ProcessSettings {
    /// `ABC_THREADS=N` (N ≥ 1): threads for the loader (1 for profiling); otherwise nil, one
    /// per active processor.
    static var loaderThreads: Int? {
        guard let text = ProcessInfo.processInfo.environment["ABC_THREADS"], let n = Int(text), n >= 1 else { return nil }
        return n
    }
}

struct Shell: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell", abstract: "Open the interactive shell (the default).")

    @Argument(help: "A data file to load (default: the bundled sample, in the interactive shell).")
    var file: String?

    @Option(name: .customShort("c"), help: "Commands to run, separated by ';'. Exits 1 at the first error.")
    var commands: String?

    @Option(name: .long, help: ArgumentHelp("A workspace file to open (created when missing): snapshots are kept there.", valueName: "PATH"))
    var workspace: String?

    /// Opens `--workspace` in `session`: named on the command line, so piped commands may write it.
    func openWorkspace(in session: Session, output: StandardOutput) -> Bool {
        guard let workspace else { return true }
        return session.openCommandLineWorkspace(workspace, output: output)
    }

    func run() throws {
        MemoryTuning.apply()
        TemporaryFiles.installCleanup()
        let terminal = Terminal()
        let output = StandardOutput(colour: terminal.stderrColour)
        if let commands {
            let session = Session(environment: terminal.environment(interactive: false))
            guard openWorkspace(in: session, output: output) else { throw ExitCode(1) }
            if let file, !session.execute("load \(Tokenizer.quote(file))", origin: .commandLine, output: output) {
                throw ExitCode(1)
            }
            guard session.execute(commands, origin: .commandLine, output: output) else { throw ExitCode(1) }
            return
        }
        if !terminal.stdinIsTerminal {
            let session = Session(environment: terminal.environment(interactive: false))
            session.environment.standardInputHoldsCommands = true
            guard openWorkspace(in: session, output: output) else { throw ExitCode(1) }
            if let file, !session.execute("load \(Tokenizer.quote(file))", origin: .commandLine, output: output) {
                throw ExitCode(1)
            }
            var lines: [String] = []
            while let line = Swift.readLine(strippingNewline: true) { lines.append(line) }
            guard session.runLines(lines, output: output) else { throw ExitCode(1) }
            return
        }
        let code = InteractiveShell(terminal: terminal, output: output).run(initialFile: file) { session in
            openWorkspace(in: session, output: output)
        }
        if code != 0 { throw ExitCode(code) }
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay scenario scripts; stops at the first error with its location and exits 1.",
        usage: "abc run SCRIPT… [--data [N=]FILE [LOAD OPTIONS]]… [--workspace PATH] [--allow-read DIR] [--allow-write DIR] [--allow-db] [--safe]",
        discussion: """
            --data FILE replaces the scripts' one `load` with FILE (a script with several loads \
            takes --data N=FILE, N counting the loads as they run from 1); load options after it \
            (--sep semicolon, --dates dmy, --customer COLUMN, --lenient…) replace that load's \
            options. When the scripts load nothing, FILE is loaded before they run.

            Scripts are fenced: they read and write only inside their own folder (real paths, no \
            name starting with '.'), and --force replaces only files the run created. \
            --allow-read DIR and --allow-write DIR widen the fence, --allow-db lets them connect to \
            a database server, --safe allows no writes at all and no run of a script outside the \
            folder. --data files are always readable. --workspace PATH opens that workspace \
            before the scripts run, and is the one workspace they may write: any other they open \
            is read-only.
            """)

    @Argument(parsing: .allUnrecognized, help: "Script files to run, in order, --data [N=]FILE [LOAD OPTIONS]…, and the fence's --allow-read DIR, --allow-write DIR, --allow-db, --safe")
    var arguments: [String] = []

    func run() throws {
        MemoryTuning.apply()
        TemporaryFiles.installCleanup()
        let terminal = Terminal()
        let output = StandardOutput(colour: terminal.stderrColour)
        let session = Session(environment: terminal.environment(interactive: false))
        let scripts: [String]
        let first: String?
        do throws(Diagnostic) {
            var arguments = arguments
            session.allowances = try ScriptAllowances.parse(&arguments, workingDirectory: session.environment.workingDirectory)
            let parsed = try DataOverride.parse(arguments)
            scripts = parsed.scripts
            if scripts.isEmpty { throw Diagnostic("give at least one script to run") }
            first = try session.replaceLoads(of: scripts, with: parsed.overrides)
        } catch {
            output.report(error)
            throw ExitCode(64)
        }
        // A workspace named on the command line is open, and writable, before the scripts run.
        if let workspace = session.allowances.workspaceArgument, !session.openCommandLineWorkspace(workspace, output: output) {
            throw ExitCode(1)
        }
        // The scripts work on whatever is loaded: give them the data to work on.
        if let first, !session.execute(first, origin: .commandLine, output: output) { throw ExitCode(1) }
        for script in scripts {
            guard session.runScript(path: script, output: output) else { throw ExitCode(1) }
            if session.quitRequested { break }
        }
    }
}
