import ABCCore

/// `lever discount TIER price -D% [volume +V%]`.
enum DiscountLever: LeverKind {
    static let spec = CommandSpec(
        "lever discount", group: .whatIf, arguments: "TIER price -D% [volume +V%]",
        summary: "a price cut of D% that brings V% more volume",
        details: "revenue' = revenue × (1 − D) × (1 + V); cost' = cost × (1 + V); profit' = revenue' − cost'.",
        example: "lever discount A price -5% volume +8%",
        completion: [.tier, .words(["price"]), .none, .words(["volume"])])

    static func parse(_ reader: inout ArgumentReader, tier: Int) throws(CommandError) -> Lever {
        try reader.keyword("price")
        let cut = try reader.rate("the price cut", sign: "-")
        var volume = ExactRate.zero
        if reader.take("volume") { volume = try reader.rate("the volume change", sign: "+", maximum: 1000) }
        return .discount(tier: tier, priceCut: cut, volume: volume)
    }

    static func script(_ lever: Lever, money: (Int64) -> String) -> String? {
        guard case .discount(let t, let price, let volume) = lever else { return nil }
        return "discount \(TierName.name(t)) price -\(price) volume +\(volume)"
    }

    static let fields = [
        LeverField(name: "price", range: 0...SettingValue.whole(100), unit: .percent) { lever, v in
            guard case .discount(let t, _, let volume) = lever else { return lever }
            return .discount(tier: t, priceCut: v.rate, volume: volume)
        },
        LeverField(name: "volume", range: 0...SettingValue.whole(1000), unit: .percent) { lever, v in
            guard case .discount(let t, let price, _) = lever else { return lever }
            return .discount(tier: t, priceCut: price, volume: v.rate)
        },
    ]
}
