/// `timer on|off`: each command's elapsed time, printed beside its output.
struct TimerCommand: ShellCommand {
    static let spec = CommandSpec(
        "timer", group: .output, arguments: "on|off",
        summary: "print each command's elapsed time",
        example: "timer on", completion: [.words(["on", "off"])])

    let on: Bool

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(1...1)
        let token = invocation.arguments[0]
        switch token.text.lowercased() {
        case "on": on = true
        case "off": on = false
        default: throw invocation.error("expected on or off, found '\(token.text)'", at: token)
        }
    }

    func run(in context: CommandContext) throws -> [Block] {
        context.session.setTimer(on)
        return []
    }
}
