/// `timer on|off`: each command's elapsed time, printed beside its output.
struct TimerCommand: ShellCommand {
    static let saved: SavedAs = .omitted

    static let spec = CommandSpec(
        "timer", group: .output, arguments: "on|off",
        summary: "print each command's elapsed time",
        example: "timer on", completion: [.words(["on", "off"])])

    enum Switch: String, CaseIterable { case on, off }

    let on: Bool

    init(parsing invocation: Invocation) throws(CommandError) {
        on = try invocation.choice(Switch.self) == .on
    }

    func run(in context: CommandContext) throws -> [Block] {
        context.session.setTimer(on)
        return []
    }
}
