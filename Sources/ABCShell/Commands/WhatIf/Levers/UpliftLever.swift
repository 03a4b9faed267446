import ABCCore

/// `lever uplift TIER revenue +X% adoption Y% [cost AMOUNT [per-adopter|per-contact]]`.
enum UpliftLever: LeverKind {
    static let spec = CommandSpec(
        "lever uplift", group: .whatIf, arguments: "TIER revenue +X% adoption Y% [cost AMOUNT [per-adopter|per-contact]]",
        summary: "a share of the tier buys X% more (upsell, cross-sell)",
        details: "Expected Δrevenue = revenue × X × Y per customer; Δprofit at the customer's margin. Cost is AMOUNT per adopter (expected: × Y × customers) or per contacted customer. Monte Carlo (simulate --runs) draws the adopters.",
        example: "lever uplift B revenue +10% adoption 30% cost 2 per-adopter",
        completion: [.tier, .words(["revenue"]), .none, .words(["adoption"]), .none, .words(["cost"]), .none, .words(["per-adopter", "per-contact"])])

    static func parse(_ reader: inout ArgumentReader, tier: Int) throws(CommandError) -> Lever {
        try reader.keyword("revenue")
        let lift = try reader.rate("the revenue uplift", sign: "+", maximum: 1000)
        try reader.keyword("adoption")
        let adoption = try reader.rate("the adoption rate")
        var cost: Int64 = 0
        var basis = Lever.CostBasis.perAdopter
        if reader.take("cost") {
            cost = try reader.amount("the cost")
            if !reader.isAtEnd {
                let token = try reader.next("per-adopter or per-contact")
                guard let b = Lever.CostBasis(rawValue: token.text.lowercased()) else {
                    throw reader.invocation.error("expected per-adopter or per-contact, found '\(token.text)'", at: token)
                }
                basis = b
            }
        }
        return .uplift(tier: tier, lift: lift, adoption: adoption, cost: cost, basis: basis)
    }

    static func script(_ lever: Lever, money: (Int64) -> String) -> String? {
        guard case .uplift(let t, let lift, let adoption, let cost, let basis) = lever else { return nil }
        return "uplift \(TierName.name(t)) revenue +\(lift) adoption \(adoption) cost \(money(cost)) \(basis.rawValue)"
    }

    static let fields = [
        LeverField(name: "lift", range: 0...SettingValue.whole(1000), unit: .percent,
                   read: { if case .uplift(_, let l, _, _, _) = $0 { SettingValue(rate: l) } else { nil } }) { lever, v in
            guard case .uplift(let t, _, let a, let c, let b) = lever else { return lever }
            return .uplift(tier: t, lift: v.rate, adoption: a, cost: c, basis: b)
        },
        LeverField(name: "adoption", range: 0...SettingValue.whole(100), unit: .percent,
                   read: { if case .uplift(_, _, let a, _, _) = $0 { SettingValue(rate: a) } else { nil } }) { lever, v in
            guard case .uplift(let t, let l, _, let c, let b) = lever else { return lever }
            return .uplift(tier: t, lift: l, adoption: v.rate, cost: c, basis: b)
        },
        LeverField(name: "cost", range: 0...SettingValue.whole(10_000), unit: .money,
                   read: { if case .uplift(_, _, _, let c, _) = $0 { c } else { nil } }) { lever, v in
            guard case .uplift(let t, let l, let a, _, let b) = lever else { return lever }
            return .uplift(tier: t, lift: l, adoption: a, cost: v, basis: b)
        },
    ]
}
