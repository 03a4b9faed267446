import ABCCore

/// `customers [TIER] [top N|all] [by METRIC] [where ATTRIBUTE = VALUE]`: the customers behind
/// a tier, with their metrics, score and tier.
struct CustomersCommand: ShellCommand {
    static let spec = CommandSpec(
        "customers", group: .customers, arguments: "[TIER] [top N|all] [by METRIC] [where ATTRIBUTE = VALUE | where GROUP]",
        summary: "list customers with their metrics, score and tier (top 20 by rank unless told)",
        details: """
            The current scenario's customers before its levers, in its ranking order unless `by`
            names a criterion (best first: highest revenue, lowest recency) or `score`; ties by
            customer id. TIER keeps one tier; `where` keeps the customers whose attribute (a text
            column of the data, see the load report) has the value. `by clv`, `by palive` and
            `by expected_orders` fit the purchase model (docs/forecasting.md) and add its columns.
            `where at-risk|growth|reactivate|costly` keeps a strategy group of the playbook
            (docs/forecasting.md#strategy-groups). More than 10,000 lines need --force.
            """,
        example: "customers A top 10 by revenue",
        options: [Self.large.forceOption],
        completion: [.choice(["A", "B", "C", "all"].map { .init($0) } + [
            .init("top", [.none]),
            .init("by", [.words(["rank", "score"] + Criterion.allCases.map(\.rawValue))]),
            .init("where", [.attribute, .words(["="]), .attributeValue]),
        ])],
        needsData: true)

    /// A listing prints at most this many lines without --force.
    static let large = LargeRequest(threshold: 10_000, unit: "lines", effect: "print for minutes")

    let tier: Token?
    /// nil: all of them.
    let limit: Int?
    let order: CustomerListing.Order
    /// Every `where ATTRIBUTE = VALUE` and `where GROUP` (docs/forecasting.md#strategy-groups),
    /// all of which a customer must meet.
    let filter: CustomerFilter

    init(parsing invocation: Invocation) throws(CommandError) {
        var tier: Token?, limit: Int?? = nil, order: CustomerListing.Order?
        var filter = CustomerFilter()
        var rest = ArraySlice(invocation.arguments)
        let usage = Self.spec.usage
        func once<T>(_ value: T?, _ word: Token) throws(CommandError) {
            if value != nil { throw invocation.error("'\(word.text)' is given twice", at: word) }
        }
        while let word = rest.popFirst() {
            switch word.quoted ? "" : word.text.lowercased() {
            case "top":
                try once(limit, word)
                guard let count = rest.popFirst() else { throw invocation.missing("missing the count after 'top'; usage: \(usage)") }
                guard let n = Int(count.text), n > 0 else {
                    throw invocation.error("expected a positive whole number of customers after 'top', found '\(count.text)'", at: count)
                }
                limit = n
            case "all":
                try once(limit, word)
                limit = .some(nil)
            case "by":
                try once(order, word)
                guard let metric = rest.popFirst() else {
                    throw invocation.missing("missing what to order by; usage: \(usage)")
                }
                order = try Self.order(metric)
            case "where":
                filter.clauses.append(try CustomerFilter.clause(after: word, &rest, invocation: invocation))
            default:
                var message = "expected a tier, top N, all, by METRIC or where ATTRIBUTE = VALUE, found '\(word.text)'"
                if let (attribute, value) = filter.conditions.last, value.column + value.text.count + 1 == word.column, !value.quoted {
                    message += "; a value with blanks needs quotes: where \(attribute.text) = \"\(value.text) \(word.text)\""
                }
                guard tier == nil, word.text.count == 1 else { throw invocation.error(message, at: word) }
                tier = word
            }
        }
        self.tier = tier
        self.limit = limit ?? 20
        self.order = order ?? .rank
        self.filter = filter
    }

    static func order(_ token: Token) throws(CommandError) -> CustomerListing.Order {
        switch token.text.lowercased() {
        case "rank": return .rank
        case "score": return .score
        default:
            guard let criterion = Criterion(name: token.text) else {
                let names = ["rank", "score"] + Criterion.allCases.map(\.rawValue)
                var message = "cannot order by '\(token.text)'"
                if let near = NearestName.suggestion(for: token.text.lowercased(), among: names) { message += "; did you mean '\(near)'?" }
                throw CommandError(message + " Order by " + names.joined(separator: ", "), column: token.column)
            }
            return .criterion(criterion)
        }
    }

    func run(in context: CommandContext) throws -> [Block] {
        let evaluator = context.session.evaluator
        let scenario = context.scenario
        let (dataset, segmentation) = try evaluator.segmentation(of: scenario)
        var scope = try evaluator.scope(of: scenario)
        // Ordered by a forecast the scenario does not weigh: the model is fitted for the listing.
        if case .criterion(let criterion) = order, criterion.isForecast, scope.metrics.forecast == nil {
            scope.metrics.forecast = ForecastColumns(try evaluator.forecast(of: scenario).forecast)
        }
        let tierIndex = try tier.map { token throws(CommandError) in try TierName.parse(token, tierCount: segmentation.tierCount) }
        let conditions = try filter.resolvedConditions(in: dataset)
        let tiers = segmentation.tier
        let member = try filter.members(dataset: dataset, scope: scope) {
            try evaluator.groupInputs(of: scenario, scope: scope, segmentation: segmentation)
        }
        let listing = try CustomerListing.list(segmentation, metrics: scope.metrics, order: order, limit: limit) { c in
            if let tierIndex, Int(tiers[c]) != tierIndex { return false }
            return member?[c] ?? true
        }
        try Self.large.check(listing.customers.count, context.invocation, instead: "narrow it with top N, a tier or where")
        return [.table(CustomerViews.listing(
            listing.customers, matched: listing.matched, segmentation: segmentation, dataset: dataset, scope: scope,
            order: order,
            title: title(scenario: scenario, matched: listing.matched, shown: listing.customers.count, tier: tierIndex,
                         conditions: conditions.map { ($0.attribute.name, AttributeName.text(of: $0.value, in: $0.attribute)) })))]
    }

    private func title(scenario: Scenario, matched: Int, shown: Int, tier: Int?, conditions: [(String, String)]) -> String {
        var what: [String] = []
        if let tier { what.append("tier \(TierName.name(tier))") }
        for (name, value) in conditions { what.append("\(name) = \(value)") }
        for group in filter.groups { what.append("group \(group.rawValue)") }
        let among = what.isEmpty ? "" : " in " + what.joined(separator: ", ")
        var order = ""
        switch self.order {
        case .rank: order = "by rank"
        case .score: order = "by score"
        case .criterion(let c): order = "by \(c.rawValue)"
        }
        let count = shown < matched
            ? "top \(PeopleNumbers.grouped(String(shown))) of \(PeopleNumbers.grouped(String(matched)))"
            : "all \(PeopleNumbers.grouped(String(matched)))"
        return "Customers of scenario \(scenario.name)\(among): \(count), \(order)"
    }
}
