/// `run SCRIPT`: the commands of a script file, relative paths taken from its folder.
struct RunCommand: CommandWithOneArgument {
    static let spec = CommandSpec(
        "run", group: .session, arguments: "SCRIPT",
        summary: "run the commands of a script file",
        details: "Stops at the first error, naming the script line. Paths in a script are relative to the script.",
        example: "run workshop.abc", completion: [.path])

    let script: Token

    init(argument: Token) { script = argument }

    func run(in context: CommandContext) throws -> [Block] {
        let resolved = try context.resolve(script, for: .runScript)
        let display: String
        if case .script = context.origin { display = resolved } else { display = script.text }
        do {
            try context.session.runScriptFile(displayPath: display, resolvedPath: resolved, output: context.output)
        } catch let diagnostic as Diagnostic {
            var located = diagnostic
            located.location = context.origin.location(column: script.column)
            located.sourceLine = context.line
            located.column = script.column
            throw located
        }
        return []
    }
}
