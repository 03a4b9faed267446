import ABCCore

/// `lever drop TIER unprofitable`.
enum DropLever: LeverKind {
    static let spec = CommandSpec(
        "lever drop", group: .whatIf, arguments: "TIER unprofitable",
        summary: "stop serving the tier's customers whose net is below zero",
        details: "Uses the cost-to-serve levers declared before it. Their revenue, profit and cost-to-serve are removed. (`lever drop N` with a number removes lever N, like `lever remove`.)",
        example: "lever drop C unprofitable", completion: [.tier, .words(["unprofitable"])])

    static func parse(_ reader: inout ArgumentReader, tier: Int) throws(CommandError) -> Lever {
        try reader.keyword("unprofitable")
        return .drop(tier: tier)
    }

    static func script(_ lever: Lever, money: (Int64) -> String) -> String? {
        guard case .drop(let t) = lever else { return nil }
        return "drop \(TierName.name(t)) unprofitable"
    }

    static let fields: [LeverField] = []
}
