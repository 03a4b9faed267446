import ABCCore

/// `lever retention TIER churn B% -> R% cost AMOUNT`.
enum RetentionLever: LeverKind {
    static let spec = CommandSpec(
        "lever retention", group: .whatIf, arguments: "TIER churn B% -> R% cost AMOUNT",
        summary: "a retention programme lowers churn from B% to R%",
        details: "Kept revenue = revenue × (B − R) per customer, profit at the customer's margin; cost AMOUNT per customer of the tier.",
        example: "lever retention A churn 15% -> 10% cost 25",
        completion: [.tier, .words(["churn"]), .none, .words(["->"]), .none, .words(["cost"])])

    static func parse(_ reader: inout ArgumentReader, tier: Int) throws(CommandError) -> Lever {
        try reader.keyword("churn")
        let before = try reader.rate("the churn rate before")
        try reader.keyword("->")
        let afterToken = reader.isAtEnd ? nil : reader.arguments[reader.position]
        let after = try reader.rate("the churn rate after")
        if Int128(after.numerator) * Int128(before.denominator) > Int128(before.numerator) * Int128(after.denominator) {
            throw reader.invocation.error("the churn after (\(after)) cannot exceed the churn before (\(before))", at: afterToken)
        }
        try reader.keyword("cost")
        return .retention(tier: tier, churnBefore: before, churnAfter: after, cost: try reader.amount("the cost per customer"))
    }

    static func script(_ lever: Lever, money: (Int64) -> String) -> String? {
        guard case .retention(let t, let before, let after, let cost) = lever else { return nil }
        return "retention \(TierName.name(t)) churn \(before) -> \(after) cost \(money(cost))"
    }

    static let fields = [
        LeverField(name: "after", range: 0...SettingValue.whole(100), unit: .percent,
                   read: { if case .retention(_, _, let a, _) = $0 { SettingValue(rate: a) } else { nil } }) { lever, v in
            guard case .retention(let t, let b, _, let c) = lever else { return lever }
            return .retention(tier: t, churnBefore: b, churnAfter: v.rate, cost: c)
        },
        LeverField(name: "cost", range: 0...SettingValue.whole(10_000), unit: .money,
                   read: { if case .retention(_, _, _, let c) = $0 { c } else { nil } }) { lever, v in
            guard case .retention(let t, let b, let a, _) = lever else { return lever }
            return .retention(tier: t, churnBefore: b, churnAfter: a, cost: v)
        },
    ]
}
