import ABCCore

/// `lever discount TIER price -D% [volume +V%]`.
enum DiscountLever: LeverKind {
    static let spec = CommandSpec(
        "lever discount", group: .whatIf, arguments: "TIER price -D%|+D% [volume +V%|-V%]",
        summary: "a price cut (or rise) of D% that brings V% more (or less) volume",
        details: "revenue' = revenue × (1 − D) × (1 + V); cost' = cost × (1 + V); profit' = revenue' − cost'. `price +3% volume -2%` is a price rise. On data without cost the cost is revenue − profit at the assumed margin.",
        example: "lever discount A price -5% volume +8%",
        completion: [.tier, .words(["price"]), .none, .words(["volume"])])

    static func parse(_ reader: inout ArgumentReader, tier: Int) throws(CommandError) -> Lever {
        try reader.keyword("price")
        // The sign says which way: -5% is a cut, +3% a rise (a negative cut).
        let cut = try reader.signedRate("the price change", unsigned: "-", below: 100, above: 1000)
        var volume = ExactRate.zero
        if reader.take("volume") {
            let change = try reader.signedRate("the volume change", unsigned: "+", below: 100, above: 1000)
            volume = ExactRate.zero - change
        }
        return .discount(tier: tier, priceCut: cut, volume: volume)
    }

    static func script(_ lever: Lever, money: (Int64) -> String) -> String? {
        guard case .discount(let t, let price, let volume) = lever else { return nil }
        func signed(_ rate: ExactRate, negated: Bool) -> String {
            let shown = negated ? ExactRate.zero - rate : rate
            return shown.isNegative ? "-\(ExactRate.zero - shown)" : "+\(shown)"
        }
        return "discount \(TierName.name(t)) price \(signed(price, negated: true)) volume \(signed(volume, negated: false))"
    }

    static let fields = [
        LeverField(name: "price", range: 0...SettingValue.whole(100), unit: .percent,
                   read: { if case .discount(_, let p, _) = $0 { SettingValue(rate: p) } else { nil } }) { lever, v in
            guard case .discount(let t, _, let volume) = lever else { return lever }
            return .discount(tier: t, priceCut: v.rate, volume: volume)
        },
        LeverField(name: "volume", range: 0...SettingValue.whole(1000), unit: .percent,
                   read: { if case .discount(_, _, let v) = $0 { SettingValue(rate: v) } else { nil } }) { lever, v in
            guard case .discount(let t, let price, _) = lever else { return lever }
            return .discount(tier: t, priceCut: price, volume: v.rate)
        },
    ]
}
