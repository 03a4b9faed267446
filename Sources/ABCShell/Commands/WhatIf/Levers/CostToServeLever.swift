import ABCCore

/// `lever cost-to-serve TIER [per-order AMOUNT] [per-customer AMOUNT]`.
enum CostToServeLever: LeverKind {
    static let spec = CommandSpec(
        "lever cost-to-serve", group: .whatIf, arguments: "TIER [per-order AMOUNT] [per-customer AMOUNT]",
        summary: "assume serving a tier costs this much; net = profit − cost-to-serve",
        details: "cts = per-order × orders + per-customer, per customer of the tier. simulate reports the customers and revenue whose net is below zero.",
        example: "lever cost-to-serve C per-order 4.50",
        completion: [.tier, .words(["per-order", "per-customer"]), .none, .words(["per-order", "per-customer"])])

    static func parse(_ reader: inout ArgumentReader, tier: Int) throws(CommandError) -> Lever {
        var perOrder: Int64 = 0, perCustomer: Int64 = 0
        var seen: Set<String> = []
        while reader.peek("per-order") || reader.peek("per-customer") {
            let word = try reader.next("per-order or per-customer")
            guard seen.insert(word.text.lowercased()).inserted else {
                throw reader.invocation.error("'\(word.text)' is given twice", at: word)
            }
            if word.text.lowercased() == "per-order" { perOrder = try reader.amount("the cost per order") }
            else { perCustomer = try reader.amount("the cost per customer") }
        }
        if seen.isEmpty {
            let token = try reader.next("per-order AMOUNT or per-customer AMOUNT")
            throw reader.invocation.error("expected per-order or per-customer; usage: \(reader.usage)", at: token)
        }
        return .costToServe(tier: tier, perOrder: perOrder, perCustomer: perCustomer)
    }

    static func script(_ lever: Lever, money: (Int64) -> String) -> String? {
        guard case .costToServe(let t, let perOrder, let perCustomer) = lever else { return nil }
        var parts = ["cost-to-serve", TierName.name(t)]
        if perOrder != 0 || perCustomer == 0 { parts += ["per-order", money(perOrder)] }
        if perCustomer != 0 { parts += ["per-customer", money(perCustomer)] }
        return parts.joined(separator: " ")
    }

    static let fields = [
        LeverField(name: "per-order", range: 0...SettingValue.whole(10_000), unit: .money,
                   read: { if case .costToServe(_, let o, _) = $0 { o } else { nil } }) { lever, v in
            guard case .costToServe(let t, _, let k) = lever else { return lever }
            return .costToServe(tier: t, perOrder: v, perCustomer: k)
        },
        LeverField(name: "per-customer", range: 0...SettingValue.whole(10_000), unit: .money,
                   read: { if case .costToServe(_, _, let k) = $0 { k } else { nil } }) { lever, v in
            guard case .costToServe(let t, let o, _) = lever else { return lever }
            return .costToServe(tier: t, perOrder: o, perCustomer: v)
        },
    ]
}
