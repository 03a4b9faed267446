import ABCCore

/// Tier profiles and criteria as printable blocks.
enum SegmentationViews {
    static func criteriaDescription(_ criteria: [WeightedCriterion]) -> String {
        criteria.map { "\($0.criterion.rawValue) \(NumberFormatting.weight($0.weight))" }.joined(separator: ", ")
    }

    static func ruleDescription(_ rule: TieringRule) -> String {
        let shares = rule.shares.map(String.init).joined(separator: "/")
        switch rule {
        case .countShare: return "count share \(shares) (share of customers, ranked by score)"
        case .valueShare(let basis, _): return "\(basis.rawValue) share \(shares) (cumulative share of \(basis.rawValue))"
        case .computed(let basis): return "computed ABC limits on \(basis.rawValue) (Ultsch & Lötsch)"
        }
    }

    /// The tier profile of a segmentation.
    static func profile(_ segmentation: Segmentation, dataset: Dataset, scope: ScopedMetrics, title: String) -> Table {
        let p = segmentation.profile
        let m = dataset.metrics
        let money = { (v: Int128) in
            FixedPoint.formatScaled(v, scaleDigits: FixedPoint.digits, decimals: dataset.moneyDecimals)
        }
        var columns: [Table.Column] = [.init("tier", numeric: false), .count("customers"), .init("cust_share"),
                                       .money("revenue"), .init("rev_share")]
        if m.profit != nil { columns += [.money("profit"), .init("margin")] }
        if m.orders != nil { columns += [.count("orders"), .money("aov")] }
        if m.recency != nil { columns.append(.init("avg_recency")) }
        if m.tenure != nil { columns.append(.init("avg_tenure")) }
        let boundaryTitle = segmentation.rule.valueBasis.map { "last_\($0.rawValue)" } ?? "last_score"
        columns += [.init("last_customer", numeric: false), Table.Column(boundaryTitle, kind: segmentation.rule.valueBasis == nil ? .score : .money)]
        var table = Table("profile", title: title, columns: columns)

        func row(name: String, customers: Int, customerShare: Int, revenue: Int128, revenueShare: Int?,
                 profit: Int128?, orders: Int128?, recency: Int128?, tenure: Int128?,
                 boundary: (String, String)?) -> [String] {
            var cells = [name, String(customers), NumberFormatting.percent(basisPoints: customerShare), money(revenue),
                         revenueShare.map { NumberFormatting.percent(basisPoints: $0) } ?? ""]
            if m.profit != nil {
                cells.append(profit.map(money) ?? "")
                cells.append(profit.map { revenue > 0 ? NumberFormatting.percent($0, revenue) : "" } ?? "")
            }
            if m.orders != nil {
                cells.append(orders.map { String($0) } ?? "")
                cells.append(orders.map { o in
                    o > 0 ? FixedPoint.formatScaled(
                        FixedPoint.divideRoundingHalfEven(revenue, o), scaleDigits: FixedPoint.digits,
                        decimals: dataset.moneyDecimals) : "" } ?? "")
            }
            if m.recency != nil { cells.append(recency.map { NumberFormatting.average($0, customers) } ?? "") }
            if m.tenure != nil { cells.append(tenure.map { NumberFormatting.average($0, customers) } ?? "") }
            cells.append(boundary?.0 ?? "")
            cells.append(boundary?.1 ?? "")
            return cells
        }
        for tier in p.tiers {
            let boundary: (String, String)? = tier.boundaryCustomer.map { c in
                let value = tier.boundaryValue.map { dataset.formatMoney($0) }
                    ?? tier.boundaryScore.map(NumberFormatting.score) ?? ""
                return (dataset.customerIDs[scope.global(c)], value)
            }
            table.append(row(
                name: tier.name, customers: tier.customers, customerShare: tier.customerShare,
                revenue: tier.revenue, revenueShare: tier.revenueShare, profit: tier.profit, orders: tier.orders,
                recency: tier.recencyDays, tenure: tier.tenureDays, boundary: boundary))
        }
        table.rulesBefore = [table.rows.count]
        let recencyTotal = p.tiers.allSatisfy { $0.recencyDays != nil } ? p.tiers.reduce(Int128(0)) { $0 + $1.recencyDays! } : nil
        let tenureTotal = p.tiers.allSatisfy { $0.tenureDays != nil } ? p.tiers.reduce(Int128(0)) { $0 + $1.tenureDays! } : nil
        table.append(row(
            name: "total", customers: p.totalCustomers, customerShare: 10_000, revenue: p.totalRevenue,
            revenueShare: p.totalRevenue > 0 ? 10_000 : nil, profit: p.totalProfit, orders: p.totalOrders,
            recency: recencyTotal, tenure: tenureTotal, boundary: nil))
        return table
    }
}

extension SegmentationViews {
    /// `computed limits (revenue): A above …` under a profile tiered by computed limits.
    static func computedLimits(_ limits: ComputedLimits, basis: TieringRule.ValueBasis, profile p: TierProfile, dataset: Dataset) -> String {
        let customers = TierProfile.largestRemainderShares(p.tiers.map { Int128($0.customers) }) ?? []
        let values = basis == .revenue ? p.tiers.map(\.revenue) : p.tiers.map { $0.profit ?? 0 }
        let shares = TierProfile.largestRemainderShares(values) ?? []
        func share(_ s: [Int], _ upTo: Int) -> String { s.isEmpty ? "" : NumberFormatting.percent(basisPoints: s.prefix(upTo).reduce(0, +)) }
        return "computed limits (\(basis.rawValue)): A above \(dataset.formatMoney(limits.abLimit)) "
            + "(\(share(customers, 1)) of customers, \(share(shares, 1)) of \(basis.rawValue)); "
            + "C below \(dataset.formatMoney(limits.bcLimit)) (A+B: \(share(customers, 2)) of customers, "
            + "\(share(shares, 2)) of \(basis.rawValue))" + (limits.exchanged ? "; break-even came before the Pareto point" : "")
    }

    /// `window: …` under a profile: the period or all data, and the reference date.
    static func window(_ scenario: Scenario, dataset: Dataset, scope: ScopedMetrics) -> String? {
        if let window = scope.window {
            var what = scenario.period.map { "period \($0.script)" } ?? "all data"
            if let asOf = scenario.asOf { what += " as of \(CivilDate.iso(asOf))" }
            let partial = scope.coverage.flatMap { $0.isPartial ? " " + WindowViews.days($0) : nil } ?? ""
            return "window: \(what), \(window.description)\(partial); reference date \(CivilDate.iso(window.to)); "
                + "\(scope.metrics.count) of \(dataset.customerCount) customers bought in it"
        }
        guard let first = dataset.report.firstDate, let last = dataset.report.lastDate else { return nil }
        return "window: all data, \(CivilDate.iso(first)) to \(CivilDate.iso(last)); reference date \(CivilDate.iso(dataset.metrics.referenceDate ?? last))"
    }
}
