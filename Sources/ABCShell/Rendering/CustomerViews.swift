import ABCCore

/// Customer listings, one customer explained, and tier profiles per attribute value.
enum CustomerViews {
    /// One row per customer: rank, id, tier, score (when the score ranks), its metrics (and the
    /// one it is ordered by) and its attributes.
    static func listing(
        _ customers: [Int], matched: Int, segmentation: Segmentation, dataset: Dataset, scope: ScopedMetrics,
        order: CustomerListing.Order, title: String
    ) -> Table {
        let m = scope.metrics
        // Value tiering ranks by the value: the score would only puzzle, unless asked for.
        let showScore = segmentation.rule.valueBasis == nil || order == .score
        var columns: [Table.Column] = [.count("rank"), .init("customer", numeric: false), .init("tier", numeric: false)]
        if showScore { columns.append(.score("score")) }
        columns.append(.money("revenue"))
        if m.profit != nil { columns.append(.money("profit")) }
        if m.orders != nil { columns.append(.count("orders")) }
        let aov = order == .criterion(.aov) ? m.aov : nil
        let margin = order == .criterion(.margin) ? m.margin : nil
        if aov != nil { columns.append(.money("aov")) }
        if margin != nil { columns.append(.init("margin")) }
        let recency = m.recency, tenure = m.tenure
        if recency != nil { columns.append(.count("recency")) }
        if tenure != nil { columns.append(.count("tenure")) }
        let forecast = m.forecast
        if forecast != nil { columns += [.init("palive"), .init("expected_orders"), .money("clv")] }
        let titles = AttributeName.columnTitles(dataset.attributes, besides: columns.map(\.title))
        columns += zip(titles, dataset.attributes).map { .init($0, numeric: false, key: "attribute_" + $1.name) }
        var table = Table("customers", title: title, columns: columns)
        for c in customers {
            let global = scope.global(c)
            var row = [String(segmentation.rank[c]), dataset.customerIDs[global], TierName.name(Int(segmentation.tier[c]))]
            if showScore { row.append(NumberFormatting.exactScore(segmentation.score[c])) }
            row.append(dataset.formatMoney(m.revenue[c]))
            if let profit = m.profit { row.append(dataset.formatMoney(profit[c])) }
            if let orders = m.orders { row.append(String(orders[c])) }
            if let aov { row.append(dataset.formatMoney(aov[c])) }
            if let margin { row.append(NumberFormatting.fixed(margin[c] * 100, decimals: 2) + "%") }
            if let recency { row.append(String(recency[c])) }
            if let tenure { row.append(String(tenure[c])) }
            if let forecast {
                row += [NumberFormatting.fixed(forecast.probabilityAlive[c], decimals: 4),
                        NumberFormatting.fixed(forecast.expectedOrders[c], decimals: 4),
                        NumberFormatting.fixed(forecast.lifetimeValue[c], decimals: 2)]
            }
            row += dataset.attributes.map { $0.value(of: global) ?? "" }
            table.append(row)
        }
        return table
    }

    /// `customer ID`: where it stands, why, and what would move it up.
    static func explanation(
        _ e: CustomerExplanation, segmentation: Segmentation, dataset: Dataset, scope: ScopedMetrics, scenario: Scenario
    ) -> [Block] {
        let global = scope.global(e.customer)
        let id = dataset.customerIDs[global]
        let n = segmentation.order.count
        var lines = ["Customer \(id), scenario \(scenario.name): tier \(TierName.name(Int(e.tier))), rank "
            + "\(PeopleNumbers.grouped(String(e.rank))) of \(PeopleNumbers.grouped(String(n)))"
            + (segmentation.rule.valueBasis == nil ? ", score \(NumberFormatting.fixed(e.score, decimals: 4))" : "")]
        let attributes = dataset.attributes.map { a in "\(a.name) \(a.value(of: global) ?? AttributeName.none)" }
        if !attributes.isEmpty { lines.append("  " + attributes.joined(separator: ", ")) }
        var blocks: [Block] = [.text(lines.joined(separator: "\n"))]

        let m = scope.metrics, c = e.customer
        var metrics = Table("metrics", title: "Metrics", columns: [.init("metric", numeric: false), .init("value")])
        for figure in MovableFigure.allCases where figure.isKnown(in: m) {
            let value = figure.value(of: c, in: m)
            if figure != .recency && figure != .tenure { metrics.rowKinds[metrics.rows.count] = figure.isMoney ? .money : .count }
            metrics.append([figure.label, figure.isMoney ? dataset.formatMoney(value) : String(value)])
        }
        blocks.append(.table(metrics))

        if !e.terms.isEmpty {
            var terms = Table("score_parts", title: "Score: each criterion's part", columns: [
                .init("criterion", numeric: false), .init("weight"), .init("value"), .score("normalised"), .score("contribution"),
            ])
            for (r, t) in e.terms.enumerated() {
                let value: String
                switch t.criterion {
                case .revenue, .profit, .aov:
                    value = t.units.map(dataset.formatMoney) ?? ""
                    terms.cellKinds[r] = [2: .money]
                case .margin: value = t.ratio.map { NumberFormatting.fixed($0 * 100, decimals: 2) + "%" } ?? ""
                default: value = t.units.map { String($0) } ?? ""
                }
                terms.append([t.criterion.rawValue, NumberFormatting.weight(t.weight), value,
                              NumberFormatting.exactScore(t.normalised), NumberFormatting.exactScore(t.contribution)])
            }
            terms.rulesBefore = [terms.rows.count]
            terms.append(["score", "", "", "", NumberFormatting.exactScore(e.score)])
            blocks.append(.table(terms))
        }

        var bounds: [String] = []
        func boundary(_ b: CustomerExplanation.Boundary) -> String {
            let who = dataset.customerIDs[scope.global(b.customer)]
            if let value = b.value, let basis = segmentation.rule.valueBasis {
                return "\(who) (\(basis.rawValue) \(PeopleNumbers.money(dataset.formatMoney(value)) ?? dataset.formatMoney(value)))"
            }
            return "\(who) (score \(b.score.map { NumberFormatting.fixed($0, decimals: 4) } ?? ""))"
        }
        if case .computed = segmentation.rule, let limits = segmentation.computedLimits, let basis = segmentation.rule.valueBasis {
            bounds.append("  limits: A above \(dataset.formatMoney(limits.abLimit)) \(basis.rawValue), C below \(dataset.formatMoney(limits.bcLimit))")
        } else {
            if let above = e.above { bounds.append("  to reach \(TierName.name(Int(above.tier))): pass \(boundary(above)), the last customer of \(TierName.name(Int(above.tier)))") }
            if let below = e.below, below.customer == e.customer {
                bounds.append("  it is the last customer of \(TierName.name(Int(below.tier))): the next one down is in \(TierName.name(Int(below.tier) + 1))")
            } else if let below = e.below { bounds.append("  stays \(TierName.name(Int(below.tier))) while ahead of \(boundary(below)), the last customer of \(TierName.name(Int(below.tier)))") }
        }
        if !bounds.isEmpty { blocks.append(.text(bounds.joined(separator: "\n"))) }

        if e.tier == 0 {
            blocks.append(.text("  already in the top tier"))
        } else {
            var moves = Table("moves", title: "Smallest change that moves it up (the other figures held)", columns: [
                .init("figure", numeric: false), .init("now"), .init("needed"), .init("change"), .init("reaches", numeric: false),
            ])
            // For machines the figure by its name and the numbers alone (null when not reachable).
            var records = Table.Records("moves", columns: [
                .init("figure", numeric: false), .init("now"), .init("needed"), .init("change"), .init("reaches", numeric: false),
            ])
            for move in e.moves {
                let now = move.figure.value(of: c, in: scope.metrics)
                let text = { (v: Int64) in move.figure.isMoney ? dataset.formatMoney(v) : String(v) }
                if move.figure.isMoney { moves.rowKinds[moves.rows.count] = .money }
                guard let change = move.change, let reaches = move.reaches else {
                    moves.append([move.figure.label, text(now), "", "", "not reachable"])
                    records.append([move.figure.rawValue, text(now), "", "", ""])
                    continue
                }
                // Recency is days since the last purchase: moving up means fewer.
                let cells = [text(now), text(now + change), text(change), TierName.name(Int(reaches))]
                moves.append([move.figure.label] + cells)
                records.append([move.figure.rawValue] + cells)
            }
            if moves.rows.isEmpty { moves.append(["(no figure of the ranking can change)", "", "", "", ""]) }
            moves.machine = .records([records])
            blocks.append(.table(moves))
        }
        return blocks
    }
}

extension CustomerViews {
    /// `segment by ATTRIBUTE`: a block of rows per value, a row per tier and one for all.
    static func attributeProfile(
        _ profile: AttributeProfile, attribute: CustomerAttribute, segmentation: Segmentation, dataset: Dataset,
        scope: ScopedMetrics, scenario: Scenario
    ) -> Table {
        let hasProfit = scope.metrics.profit != nil
        var columns: [Table.Column] = [.init(attribute.name, numeric: false, key: "value"), .init("tier", numeric: false),
                                       .count("customers"), .init("cust_share"), .money("revenue"), .init("rev_share")]
        if hasProfit { columns += [.money("profit"), .init("margin")] }
        let total = segmentation.order.count
        var table = Table(
            "profile_by_attribute", title: "Segmentation of \(dataset.name), scenario \(scenario.name), by \(attribute.name) "
                + "(tiers of all \(PeopleNumbers.grouped(String(total))) customers)",
            columns: columns)
        let money = { (v: Int128) in FixedPoint.formatScaled(v, scaleDigits: FixedPoint.digits, decimals: dataset.moneyDecimals) }
        var rules: Set<Int> = []
        for group in profile.groups {
            let name: String
            switch group.kind {
            case .value(let v): name = attribute.values[v]
            case .other(let values): name = "other (\(values) value\(values == 1 ? "" : "s"))"
            case .none: name = "(none)"
            }
            if !table.rows.isEmpty { rules.insert(table.rows.count) }
            func row(_ tier: String, customers: Int, of whole: Int, revenue: Int128, ofRevenue: Int128, profit: Int128?) -> [String] {
                var cells = [name, tier, String(customers), NumberFormatting.percent(Int128(customers), Int128(whole)),
                             money(revenue), ofRevenue > 0 ? NumberFormatting.percent(revenue, ofRevenue) : ""]
                if hasProfit {
                    cells.append(profit.map(money) ?? "")
                    cells.append(profit.map { revenue > 0 ? NumberFormatting.percent($0, revenue) : "" } ?? "")
                }
                return cells
            }
            for t in 0..<segmentation.tierCount {
                table.append(row(TierName.name(t), customers: group.tierCustomers[t], of: group.customers,
                                 revenue: group.tierRevenue[t], ofRevenue: group.revenue, profit: group.tierProfit?[t]))
            }
            let allRevenue = segmentation.profile.totalRevenue
            table.append(row("all", customers: group.customers, of: total, revenue: group.revenue, ofRevenue: allRevenue,
                             profit: group.profit))
        }
        table.rulesBefore = rules
        return table
    }
}

extension MovableFigure {
    var label: String {
        switch self {
        case .recency: return "recency (days)"
        case .tenure: return "tenure (days)"
        default: return rawValue
        }
    }
}
