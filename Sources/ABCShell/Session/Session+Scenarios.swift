import ABCCore

extension Session {
    static let reservedScenarioNames: Set<String> = ["from", "tier", "total", "projected"]

    func scenarioNew(_ context: CommandContext) throws -> [Block] {
        let args = context.arguments
        guard args.count == 1 || (args.count == 3 && args[1].text == "from") else {
            if args.count > 1 && args[1].text != "from" { throw context.error("expected 'from OTHER' after the name", at: args[1]) }
            try context.expectArguments(1...1, usage: "scenario new NAME [from OTHER]")
            return []
        }
        let name = args[0].text
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
              !Self.reservedScenarioNames.contains(name), name.first != "-" else {
            throw context.error("'\(name)' cannot be a scenario name: use letters, digits, '-' or '_'", at: args[0])
        }
        if scenario(named: name) != nil { throw context.error("scenario '\(name)' exists; pick another name or `scenario use \(name)`", at: args[0]) }
        var copy = scenario
        if args.count == 3 {
            guard let other = scenario(named: args[2].text) else { throw unknownScenario(args[2], context) }
            copy = other
        }
        copy.parent = copy.name
        copy.name = name
        addScenario(copy)
        return [.text("Scenario \(name): a copy of \(copy.parent!)")]
    }

    func unknownScenario(_ token: Token, _ context: CommandContext) -> CommandError {
        let names = scenarios.map(\.name)
        let near = names.min { CommandTable.editDistance(token.text, $0) < CommandTable.editDistance(token.text, $1) }!
        let hint = CommandTable.editDistance(token.text, near) <= 2 ? "did you mean '\(near)'? " : ""
        return context.error("no scenario '\(token.text)'; \(hint)scenarios: \(names.joined(separator: ", "))", at: token)
    }

    func scenarioUse(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(1...1, usage: "scenario use NAME")
        guard scenario(named: context.arguments[0].text) != nil else { throw unknownScenario(context.arguments[0], context) }
        useScenario(context.arguments[0].text)
        return []
    }

    func scenarioList(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(0...0, usage: "scenario list")
        var table = Table(columns: [.init("", numeric: false), .init("scenario", numeric: false), .init("copied from", numeric: false),
                                    .init("criteria", numeric: false), .init("tiers", numeric: false), .init("levers")])
        for s in scenarios {
            let criteria = s.criteria.map(SegmentationViews.criteriaDescription) ?? "default"
            table.append([s.name == currentScenarioName ? "*" : "", s.name, s.parent ?? "", criteria, s.rule.description, String(s.levers.count)])
        }
        return [.table(table)]
    }

    func scenarioShow(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(0...1, usage: "scenario show [NAME]")
        var shown = scenario
        if let token = context.arguments.first {
            guard let s = scenario(named: token.text) else { throw unknownScenario(token, context) }
            shown = s
        }
        let base = scenarios[0]
        var lines = ["Scenario \(shown.name)" + (shown.parent.map { " (copied from \($0))" } ?? "") + ":"]
        let money = moneyFormatter()
        if shown.name == "base" {
            lines.append("  criteria  " + (shown.criteria.map(SegmentationViews.criteriaDescription) ?? "default"))
            lines.append("  tiers     " + shown.rule.description)
        } else {
            var differs = false
            if shown.criteria != base.criteria {
                lines.append("  criteria  " + (shown.criteria.map(SegmentationViews.criteriaDescription) ?? "default")
                             + "   (base: " + (base.criteria.map(SegmentationViews.criteriaDescription) ?? "default") + ")")
                differs = true
            }
            if shown.rule != base.rule {
                lines.append("  tiers     \(shown.rule.description)   (base: \(base.rule.description))")
                differs = true
            }
            if shown.period != base.period || shown.asOf != base.asOf {
                lines.append("  window    " + [shown.period.map { "period " + $0.script }, shown.asOf.map { "as of " + CivilDate.iso($0) }]
                    .compactMap { $0 }.joined(separator: ", ") + (shown.period == nil && shown.asOf == nil ? "all data" : ""))
                differs = true
            }
            if shown.levers != base.levers {
                differs = true
            } else if !differs {
                lines.append("  the same as base")
            }
        }
        for (i, lever) in shown.levers.enumerated() where shown.name == "base" || shown.levers != base.levers {
            lines.append("  lever \(i + 1)   \(lever.script(money: money))")
        }
        return [.text(lines.joined(separator: "\n"))]
    }

    func scenarioDrop(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(1...1, usage: "scenario drop NAME")
        let token = context.arguments[0]
        guard scenario(named: token.text) != nil else { throw unknownScenario(token, context) }
        guard token.text != "base" else { throw context.error("base cannot be dropped", at: token) }
        removeScenario(token.text)
        return [.text("Dropped scenario \(token.text)")]
    }

    /// Money in the loaded dataset's precision (2 decimals without data).
    func moneyFormatter() -> (Int64) -> String {
        let decimals = dataset?.moneyDecimals ?? 2
        return { FixedPoint.format($0, decimals: decimals) }
    }

    // MARK: Levers

    func leverList(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(0...0, usage: "lever list")
        guard !scenario.levers.isEmpty else { return [.text("Scenario \(scenario.name) has no levers")] }
        var table = Table(title: "Levers of scenario \(scenario.name), applied in this order:",
                          columns: [.init("#"), .init("lever", numeric: false)])
        let money = moneyFormatter()
        for (i, lever) in scenario.levers.enumerated() { table.append([String(i + 1), "lever " + lever.script(money: money)]) }
        return [.table(table)]
    }

    func leverRemove(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(1...1, usage: "lever remove N")
        let token = context.arguments[0]
        guard !scenario.levers.isEmpty else { throw context.error("scenario \(scenario.name) has no levers", at: token) }
        guard let n = Int(token.text), n >= 1, n <= scenario.levers.count else {
            throw context.error("expected a lever number from 1 to \(scenario.levers.count), found '\(token.text)'", at: token)
        }
        var s = scenario
        let removed = s.levers.remove(at: n - 1)
        setScenario(s)
        return [.text("Removed lever \(n): \(removed.script(money: moneyFormatter()))")]
    }

    func leverClear(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(0...0, usage: "lever clear")
        var s = scenario
        let count = s.levers.count
        s.levers = []
        setScenario(s)
        return [.text("Removed \(count) lever\(count == 1 ? "" : "s") of scenario \(s.name)")]
    }

    func addLever(_ context: CommandContext) throws -> [Block] {
        let kind = context.invocation.spec.words[1]
        if kind == "drop", context.arguments.count == 1, Int(context.arguments[0].text) != nil {
            return try leverRemove(context)
        }
        var parser = LeverParser(context: context, tierCount: scenario.rule.tierCount)
        let lever = try parser.parse(kind: kind)
        if let dataset {
            if lever.needsProfit && dataset.metrics.profit == nil {
                throw context.error("lever '\(kind)' needs cost or profit data, which this dataset lacks")
            }
            if case .reactivation = lever, dataset.metrics.recency == nil || dataset.metrics.orders == nil {
                throw context.error("lever 'reactivation' needs purchase dates and order counts, which this dataset lacks")
            }
            if case .costToServe(_, let perOrder, _) = lever, perOrder != 0, dataset.metrics.orders == nil {
                throw context.error("'per-order' needs order counts, which this dataset lacks; use per-customer")
            }
        }
        var s = scenario
        s.levers.append(lever)
        setScenario(s)
        return [.text("Lever \(s.levers.count) of scenario \(s.name): \(lever.script(money: moneyFormatter()))")]
    }
}

/// Reads a lever's arguments: keywords in a fixed order, with errors pointing at the word.
struct LeverParser {
    let context: Session.CommandContext
    let tierCount: Int
    var position = 0

    init(context: Session.CommandContext, tierCount: Int) {
        self.context = context
        self.tierCount = tierCount
    }

    var arguments: [Token] { context.arguments }
    var usage: String { context.invocation.spec.name + " " + context.invocation.spec.arguments }

    mutating func next(_ what: String) throws(CommandError) -> Token {
        guard position < arguments.count else {
            throw CommandError("missing \(what); usage: \(usage)", column: context.invocation.endColumn + 1)
        }
        position += 1
        return arguments[position - 1]
    }

    mutating func keyword(_ word: String) throws(CommandError) {
        let token = try next("'\(word)'")
        guard token.text.lowercased() == word else { throw context.error("expected '\(word)', found '\(token.text)'; usage: \(usage)", at: token) }
    }

    mutating func peek(_ word: String) -> Bool {
        position < arguments.count && arguments[position].text.lowercased() == word
    }

    mutating func tier() throws(CommandError) -> Int {
        let token = try next("a tier")
        let names = TieringRule.tierNames.prefix(tierCount)
        guard let index = names.firstIndex(of: token.text.uppercased()) else {
            throw context.error("unknown tier '\(token.text)'; the tiers are \(names.joined(separator: ", "))", at: token)
        }
        return index
    }

    mutating func amount(_ what: String) throws(CommandError) -> Int64 {
        let token = try next(what)
        guard let value = FixedPoint.parseAmount(token.text), value >= 0 else {
            throw context.error("expected \(what) (an amount ≥ 0 with at most 4 decimals), found '\(token.text)'", at: token)
        }
        return value
    }

    /// A percentage with the sign the syntax shows (`+10%`, `-5%`), between 0 and `maximum`.
    mutating func rate(_ what: String, sign: Character? = nil, maximum: Int = 100) throws(CommandError) -> ExactRate {
        let token = try next(what)
        var text = Substring(token.text)
        if let sign, text.first == sign { text = text.dropFirst() }
        guard let rate = ExactRate(percent: String(text)) else {
            throw context.error("expected \(what) as a percentage (e.g. \(sign.map(String.init) ?? "")10%), found '\(token.text)'", at: token)
        }
        if rate.isNegative || (sign == "+" && token.text.first == "-") || (sign == "-" && token.text.first == "+") {
            throw context.error("\(what) cannot be negative: \(token.text)", at: token)
        }
        if Int128(rate.numerator) * 100 > Int128(maximum) * Int128(rate.denominator) {
            throw context.error("\(what) cannot exceed \(maximum)%: \(token.text)", at: token)
        }
        return rate
    }

    mutating func finish() throws(CommandError) {
        if position < arguments.count {
            throw context.error("unexpected '\(arguments[position].text)'; usage: \(usage)", at: arguments[position])
        }
    }

    mutating func parse(kind: String) throws(CommandError) -> Lever {
        let t = try tier()
        let lever: Lever
        switch kind {
        case "cost-to-serve":
            var perOrder: Int64 = 0, perCustomer: Int64 = 0
            var any = false
            var seen: Set<String> = []
            while position < arguments.count, peek("per-order") || peek("per-customer") {
                let word = arguments[position]
                guard seen.insert(word.text.lowercased()).inserted else {
                    throw context.error("'\(word.text)' is given twice", at: word)
                }
                position += 1
                if word.text.lowercased() == "per-order" { perOrder = try amount("the cost per order") }
                else { perCustomer = try amount("the cost per customer") }
                any = true
            }
            if !any { _ = try next("per-order AMOUNT or per-customer AMOUNT") ; throw context.error("expected per-order or per-customer; usage: \(usage)", at: arguments[position - 1]) }
            lever = .costToServe(tier: t, perOrder: perOrder, perCustomer: perCustomer)
        case "uplift":
            try keyword("revenue")
            let lift = try rate("the revenue uplift", sign: "+", maximum: 1000)
            try keyword("adoption")
            let adoption = try rate("the adoption rate")
            var cost: Int64 = 0
            var basis = Lever.CostBasis.perAdopter
            if peek("cost") {
                position += 1
                cost = try amount("the cost")
                if position < arguments.count {
                    let token = try next("per-adopter or per-contact")
                    guard let b = Lever.CostBasis(rawValue: token.text.lowercased()) else {
                        throw context.error("expected per-adopter or per-contact, found '\(token.text)'", at: token)
                    }
                    basis = b
                }
            }
            lever = .uplift(tier: t, lift: lift, adoption: adoption, cost: cost, basis: basis)
        case "retention":
            try keyword("churn")
            let before = try rate("the churn rate before")
            try keyword("->")
            let afterToken = position < arguments.count ? arguments[position] : nil
            let after = try rate("the churn rate after")
            if Int128(after.numerator) * Int128(before.denominator) > Int128(before.numerator) * Int128(after.denominator) {
                throw context.error("the churn after (\(after)) cannot exceed the churn before (\(before))", at: afterToken)
            }
            try keyword("cost")
            lever = .retention(tier: t, churnBefore: before, churnAfter: after, cost: try amount("the cost per customer"))
        case "reactivation":
            try keyword("inactive")
            let daysToken = try next("the number of days")
            guard let days = Int(daysToken.text), days >= 0 else {
                throw context.error("expected a number of days ≥ 0, found '\(daysToken.text)'", at: daysToken)
            }
            try keyword("days")
            try keyword("response")
            let response = try rate("the response rate")
            var orders = 1
            if peek("orders") {
                position += 1
                let token = try next("the orders per responder")
                guard let k = Int(token.text), k >= 1 else { throw context.error("expected a whole number ≥ 1 of orders, found '\(token.text)'", at: token) }
                orders = k
            }
            try keyword("cost")
            lever = .reactivation(tier: t, inactiveDays: days, response: response, orders: orders, cost: try amount("the cost per eligible customer"))
        case "discount":
            try keyword("price")
            let cut = try rate("the price cut", sign: "-")
            var volume = ExactRate.zero
            if peek("volume") {
                position += 1
                volume = try rate("the volume change", sign: "+", maximum: 1000)
            }
            lever = .discount(tier: t, priceCut: cut, volume: volume)
        case "drop":
            try keyword("unprofitable")
            lever = .drop(tier: t)
        default:
            throw context.error("unknown lever '\(kind)'")
        }
        try finish()
        return lever
    }
}
