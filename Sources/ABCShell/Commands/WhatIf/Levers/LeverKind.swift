import ABCCore

/// One kind of lever, declared once: its command (grammar and help), how its words become a
/// `Lever`, its script form, and the figures `sweep` and `seek` can vary. The arithmetic
/// stays in the core (`Simulator`).
protocol LeverKind: Sendable {
    /// The `lever KIND` command's declaration.
    static var spec: CommandSpec { get }
    /// Reads the words after the tier.
    static func parse(_ reader: inout ArgumentReader, tier: Int) throws(CommandError) -> Lever
    /// The lever as the command that declares it, without the word `lever`; nil when
    /// `lever` is of another kind. `money` formats amounts in the dataset's precision.
    static func script(_ lever: Lever, money: (Int64) -> String) -> String?
    /// The figures `sweep` and `seek` can vary.
    static var fields: [LeverField] { get }
    /// The command that adds a lever of this kind (`AddLeverCommand<Self>`).
    static var addCommand: any ShellCommand.Type { get }
}

extension LeverKind {
    static var addCommand: any ShellCommand.Type { AddLeverCommand<Self>.self }
    static var name: String { spec.words[1] }
}

/// A figure of a lever that `sweep` and `seek` vary, in setting units (see `SettingValue`).
struct LeverField: Sendable {
    var name: String
    var range: ClosedRange<SettingValue>
    var unit: SettingValue.Unit
    /// The figure as `lever` has it; nil when of another kind.
    var read: @Sendable (Lever) -> SettingValue?
    /// The lever with this figure set to `value`; the lever unchanged when of another kind.
    var apply: @Sendable (Lever, SettingValue) -> Lever
}

/// Every lever kind, in the order `help` lists them.
enum LeverKinds {
    static let all: [any LeverKind.Type] = [
        CostToServeLever.self,
        UpliftLever.self,
        RetentionLever.self,
        ReactivationLever.self,
        DiscountLever.self,
        DropLever.self,
    ]

    /// The declaration of `lever`'s kind.
    static func kind(of lever: Lever) -> any LeverKind.Type {
        all.first { $0.name == lever.kind } ?? DropLever.self
    }

    /// `lever` as the command that declares it, without the word `lever`.
    static func script(_ lever: Lever, money: (Int64) -> String) -> String {
        kind(of: lever).script(lever, money: money) ?? lever.kind
    }
}
