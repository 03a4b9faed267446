import ABCCore
import ABCWorkspace
import Foundation

/// Two segmentations of possibly different data (a snapshot and a scenario now, or two
/// snapshots), customers matched by id: the earlier's tiers against the later's, `new` for a
/// customer only in the later, `gone` for one only in the earlier.
struct SnapshotComparison {
    let earlier: Snapshot
    let later: Snapshot
    let earlierLabel: String
    let laterLabel: String
    /// Per customer of either side, in id order: its tier, rank and revenue on each side
    /// (`MigrationMatrix.absent`, 0 and 0 where it is not there), and its index on each side (−1).
    private(set) var fromTier: [UInt8] = [], toTier: [UInt8] = []
    private(set) var fromRank: [UInt32] = [], toRank: [UInt32] = []
    private(set) var fromRevenue: [Int64] = [], toRevenue: [Int64] = []
    private(set) var fromIndex: [Int32] = [], toIndex: [Int32] = []

    init(earlier: Snapshot, earlierLabel: String, later: Snapshot, laterLabel: String) {
        self.earlier = earlier
        self.later = later
        self.earlierLabel = earlierLabel
        self.laterLabel = laterLabel
        match()
    }

    /// A merge of the two id lists (both in byte order, as datasets and snapshots hold them).
    private mutating func match() {
        let a = earlier.customers, b = later.customers
        let capacity = max(a.count, b.count)
        for column in [\Self.fromTier, \Self.toTier] { self[keyPath: column].reserveCapacity(capacity) }
        var i = 0, j = 0
        a.idArena.withUnsafeBufferPointer { aa in
            b.idArena.withUnsafeBufferPointer { ba in
                func order(_ i: Int, _ j: Int) -> Int {
                    let s1 = Int(a.idOffsets[i]), l1 = Int(a.idOffsets[i + 1]) - s1
                    let s2 = Int(b.idOffsets[j]), l2 = Int(b.idOffsets[j + 1]) - s2
                    let common = min(l1, l2)
                    if common > 0, let p1 = aa.baseAddress, let p2 = ba.baseAddress {
                        let c = memcmp(p1 + s1, p2 + s2, common)
                        if c != 0 { return Int(c) }
                    }
                    return l1 - l2
                }
                while i < a.count || j < b.count {
                    let c = i == a.count ? 1 : j == b.count ? -1 : order(i, j)
                    let takeA = c <= 0, takeB = c >= 0
                    fromTier.append(takeA ? a.tier[i] : MigrationMatrix.absent)
                    fromRank.append(takeA ? a.rank[i] : 0)
                    fromRevenue.append(takeA ? a.revenue[i] : 0)
                    fromIndex.append(takeA ? Int32(i) : -1)
                    toTier.append(takeB ? b.tier[j] : MigrationMatrix.absent)
                    toRank.append(takeB ? b.rank[j] : 0)
                    toRevenue.append(takeB ? b.revenue[j] : 0)
                    toIndex.append(takeB ? Int32(j) : -1)
                    if takeA { i += 1 }
                    if takeB { j += 1 }
                }
            }
        }
    }

    /// The migration matrix; a move carries the earlier side's revenue, a new customer's the later's.
    var matrix: MigrationMatrix {
        let revenue = fromRevenue.indices.map { fromIndex[$0] >= 0 ? fromRevenue[$0] : toRevenue[$0] }
        return MigrationMatrix(from: fromTier, fromTiers: earlier.info.tierCount, to: toTier, toTiers: later.info.tierCount, revenue: revenue)
    }

    func id(_ k: Int) -> String {
        fromIndex[k] >= 0 ? earlier.customers.id(Int(fromIndex[k])) : later.customers.id(Int(toIndex[k]))
    }

    /// compare's blocks: the two sides, their tier profiles and totals, the migration in
    /// customers and revenue, and the largest movers.
    func blocks() -> [Block] {
        let decimals = max(earlier.info.moneyDecimals, later.info.moneyDecimals)
        let money: SimulationViews.Money = { FixedPoint.formatScaled($0, scaleDigits: FixedPoint.digits, decimals: decimals) }
        func describe(_ label: String, _ s: Snapshot) -> String {
            "  \(label): \(s.info.dataset.name), \(s.info.window); scenario \(s.info.scenario), tiers \(s.info.rule)"
        }
        var blocks: [Block] = [.text("Comparing \(earlierLabel) with \(laterLabel), customers matched by id:\n"
            + describe(earlierLabel, earlier) + "\n" + describe(laterLabel, later))]
        blocks.append(.table(profiles(money: money)))
        blocks.append(.table(totals(money: money)))
        let m = matrix
        let names = TieringRule.tierNames
        let fromNames = Array(names.prefix(earlier.info.tierCount)), toNames = Array(names.prefix(later.info.tierCount))
        let context = [(key: "from_scenario", value: earlierLabel), (key: "to_scenario", value: laterLabel)]
        blocks.append(.table(SimulationViews.migration(
            m, fromNames: fromNames, toNames: toNames,
            title: "Migration \(earlierLabel) → \(laterLabel), customers (\(m.moved) move, arrive or leave):",
            absentFrom: "new", absentTo: "gone", money: nil, context: context)))
        blocks.append(.table(SimulationViews.migration(
            m, fromNames: fromNames, toNames: toNames,
            title: "Migration \(earlierLabel) → \(laterLabel), revenue (as in \(earlierLabel); new customers' as in \(laterLabel)):",
            absentFrom: "new", absentTo: "gone", money: money, context: context)))
        let movers = topMovers(money: money)
        blocks.append(movers.rows.isEmpty ? .text(movers.title ?? "") : .table(movers))
        return blocks
    }

    private func profiles(money: SimulationViews.Money) -> Table {
        var table = Table("profiles", title: "Tier profiles:", columns: [
            .init("tier", numeric: false), .init("scenario", numeric: false), .count("customers"), .init("cust_share"),
            .money("revenue"), .init("rev_share"), .money("profit"), .init("last_customer", numeric: false),
            Table.Column("boundary", kind: .moneyOrScore),
        ])
        let sides = [(earlierLabel, earlier), (laterLabel, later)]
        for t in 0..<max(earlier.tiers.count, later.tiers.count) {
            for (label, side) in sides where t < side.tiers.count {
                let tier = side.tiers[t]
                table.append([
                    tier.name, label, String(tier.customers), NumberFormatting.percent(basisPoints: tier.customerShare),
                    money(Int128(tier.revenue)), tier.revenueShare.map { NumberFormatting.percent(basisPoints: $0) } ?? "",
                    tier.profit.map { money(Int128($0)) } ?? SimulationViews.notKnown, tier.lastCustomer ?? "", tier.boundary ?? "",
                ])
            }
        }
        return table
    }

    private func totals(money: SimulationViews.Money) -> Table {
        var table = Table("totals", title: "Totals (deltas against \(earlierLabel)):", columns: [
            .init("scenario", numeric: false), .count("customers"), .money("revenue"), .money("delta_revenue"),
            .money("profit"), .money("delta_profit"), .count("A_customers"),
        ])
        func sums(_ s: Snapshot) -> (customers: Int, revenue: Int128, profit: Int128?) {
            let profits = s.tiers.compactMap(\.profit)
            return (s.tiers.reduce(0) { $0 + $1.customers }, s.tiers.reduce(Int128(0)) { $0 + Int128($1.revenue) },
                    profits.count == s.tiers.count ? profits.reduce(Int128(0)) { $0 + Int128($1) } : nil)
        }
        let first = sums(earlier)
        for (label, side) in [(earlierLabel, earlier), (laterLabel, later)] {
            let s = sums(side)
            let na = SimulationViews.notKnown
            table.append([
                label, String(s.customers), money(s.revenue), money(s.revenue - first.revenue), s.profit.map(money) ?? na,
                s.profit.flatMap { p in first.profit.map { money(p - $0) } } ?? na, String(side.tiers.first?.customers ?? 0),
            ])
        }
        return table
    }

    private func topMovers(money: SimulationViews.Money, limit: Int = 10) -> Table {
        let movers = LargestMovers.find(
            from: fromTier, to: toTier, revenueFrom: fromRevenue, revenueTo: toRevenue, options: .includingAbsent, limit: limit)
        var table = Table("top_movers", title: "Top movers \(earlierLabel) → \(laterLabel) (largest move, then revenue):", columns: [
            .init("customer", numeric: false), .init("from", numeric: false), .init("to", numeric: false),
            .money("revenue"), .count("rank_from"), .count("rank_to"),
        ])
        func name(_ t: UInt8, absent: String) -> String { t == MigrationMatrix.absent ? absent : TieringRule.tierNames[Int(t)] }
        for mover in movers {
            let k = mover.customer
            table.append([id(k), name(fromTier[k], absent: "new"), name(toTier[k], absent: "gone"), money(Int128(mover.revenue)),
                          fromRank[k] == 0 ? "" : String(fromRank[k]), toRank[k] == 0 ? "" : String(toRank[k])])
        }
        table.machine = .records([Table.Records("top_movers", columns: [
            .init("from_scenario", numeric: false), .init("to_scenario", numeric: false)] + table.columns,
            rows: table.rows.map { [earlierLabel, laterLabel] + $0 })])
        if movers.isEmpty { table.title = "Top movers \(earlierLabel) → \(laterLabel): no customer changes tier" }
        return table
    }
}
