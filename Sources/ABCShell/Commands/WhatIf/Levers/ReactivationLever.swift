import ABCCore

/// `lever reactivation TIER inactive DAYS days response R% [orders K] cost AMOUNT`.
enum ReactivationLever: LeverKind {
    static let spec = CommandSpec(
        "lever reactivation", group: .whatIf, arguments: "TIER inactive DAYS days response R% [orders K] cost AMOUNT",
        summary: "a campaign wins back customers inactive for more than DAYS",
        details: "Eligible: customers of the tier with recency > DAYS. Expected Δrevenue = R × K × average order value (K default 1); cost AMOUNT per eligible customer.",
        example: "lever reactivation C inactive 180 days response 8% orders 1 cost 3",
        completion: [.tier, .words(["inactive"]), .none, .words(["days"]), .words(["response"]), .none, .words(["orders", "cost"])])

    static func parse(_ reader: inout ArgumentReader, tier: Int) throws(CommandError) -> Lever {
        try reader.keyword("inactive")
        let daysToken = try reader.next("the number of days")
        guard let days = Int(daysToken.text), days >= 0 else {
            throw reader.invocation.error("expected a number of days ≥ 0, found '\(daysToken.text)'", at: daysToken)
        }
        try reader.keyword("days")
        try reader.keyword("response")
        let response = try reader.rate("the response rate")
        var orders = 1
        if reader.take("orders") {
            let token = try reader.next("the orders per responder")
            guard let k = Int(token.text), k >= 1 else {
                throw reader.invocation.error("expected a whole number ≥ 1 of orders, found '\(token.text)'", at: token)
            }
            orders = k
        }
        try reader.keyword("cost")
        return .reactivation(tier: tier, inactiveDays: days, response: response, orders: orders,
                             cost: try reader.amount("the cost per eligible customer"))
    }

    static func script(_ lever: Lever, money: (Int64) -> String) -> String? {
        guard case .reactivation(let t, let days, let response, let orders, let cost) = lever else { return nil }
        return "reactivation \(TierName.name(t)) inactive \(days) days response \(response) orders \(orders) cost \(money(cost))"
    }

    static let fields = [
        LeverField(name: "response", range: 0...SettingValue.whole(100), unit: .percent,
                   read: { if case .reactivation(_, _, let r, _, _) = $0 { SettingValue(rate: r) } else { nil } }) { lever, v in
            guard case .reactivation(let t, let d, _, let o, let c) = lever else { return lever }
            return .reactivation(tier: t, inactiveDays: d, response: v.rate, orders: o, cost: c)
        },
        LeverField(name: "days", range: 0...SettingValue.whole(3650), unit: .count,
                   read: { if case .reactivation(_, let d, _, _, _) = $0 { SettingValue.whole(d) } else { nil } }) { lever, v in
            guard case .reactivation(let t, _, let r, let o, let c) = lever else { return lever }
            return .reactivation(tier: t, inactiveDays: v.whole, response: r, orders: o, cost: c)
        },
        LeverField(name: "orders", range: SettingValue.whole(1)...SettingValue.whole(100), unit: .count,
                   read: { if case .reactivation(_, _, _, let o, _) = $0 { SettingValue.whole(o) } else { nil } }) { lever, v in
            guard case .reactivation(let t, let d, let r, _, let c) = lever else { return lever }
            return .reactivation(tier: t, inactiveDays: d, response: r, orders: max(1, v.whole), cost: c)
        },
        LeverField(name: "cost", range: 0...SettingValue.whole(10_000), unit: .money,
                   read: { if case .reactivation(_, _, _, _, let c) = $0 { c } else { nil } }) { lever, v in
            guard case .reactivation(let t, let d, let r, let o, _) = lever else { return lever }
            return .reactivation(tier: t, inactiveDays: d, response: r, orders: o, cost: v)
        },
    ]
}
