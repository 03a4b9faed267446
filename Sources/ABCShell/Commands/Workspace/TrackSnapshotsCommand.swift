import ABCCore
import ABCWorkspace

/// `track snapshots`: the workspace's snapshots in the order taken, as `track` shows periods:
/// tier sizes and revenue, a sparkline per tier, and how customers moved between each two.
struct TrackSnapshotsCommand: CommandWithoutArguments {
    static let saved: SavedAs = .command
    static let isUndoable = false

    static let spec = CommandSpec(
        "track snapshots", group: .workspace,
        summary: "tier sizes, revenue and migration across the workspace's snapshots, in the order taken",
        details: "Per snapshot its reference date, dataset, customers and each tier's customers and revenue; a sparkline per tier of its revenue; then between each two consecutive snapshots the migration matrix (customers matched by id: new ones only in the later, gone ones only in the earlier) and the largest movers among customers in both. Works from the snapshots alone: their data files may be gone.",
        example: "track snapshots")

    func run(in context: CommandContext) throws -> [Block] {
        let open = try context.workspace()
        let listed = try open.store.snapshots()
        guard listed.count >= 2 else {
            throw context.error("track snapshots needs at least two snapshots; \(open.shown) has \(listed.count) (snapshot save NAME keeps one)")
        }
        let tiers = listed.map(\.info.tierCount).max() ?? 3
        let names = Array(TieringRule.tierNames.prefix(tiers))
        let decimals = listed.map(\.info.moneyDecimals).max() ?? 2
        let money = { (v: Int128) in FixedPoint.formatScaled(v, scaleDigits: FixedPoint.digits, decimals: decimals) }
        // Each snapshot read once, the previous one kept for its migration.
        var previous: Snapshot?
        var comparisons: [SnapshotComparison] = []
        for entry in listed {
            guard let snapshot = try open.store.snapshot(named: entry.info.name) else { continue }
            if let previous {
                comparisons.append(SnapshotComparison(earlier: previous, earlierLabel: previous.info.name, later: snapshot, laterLabel: snapshot.info.name))
            }
            previous = snapshot
        }
        var sizes = Table("snapshot_periods", title: "Tiers per snapshot (in the order taken):", columns: [
            .init("snapshot", numeric: false), .init("reference_date", numeric: false), .init("dataset", numeric: false),
            .count("customers")] + names.map { Table.Column.count("\($0)_customers") } + names.map { Table.Column.money("\($0)_revenue") }
            + [.count("moved_in")])
        for (i, (info, snapshotTiers)) in listed.enumerated() {
            func figure<T>(_ t: Int, _ value: (SnapshotTier) -> T, _ text: (T) -> String) -> String {
                t < snapshotTiers.count ? text(value(snapshotTiers[t])) : ""
            }
            sizes.append([info.name, info.referenceDate.map(CivilDate.iso) ?? "", info.dataset.name,
                          String(snapshotTiers.reduce(0) { $0 + $1.customers })]
                + names.indices.map { figure($0, \.customers, String.init) }
                + names.indices.map { figure($0, \.revenue) { money(Int128($0)) } }
                + [i == 0 ? "" : String(comparisons[i - 1].matrix.moved)])
        }
        var blocks: [Block] = [.table(sizes)]
        // A sparkline per tier: its revenue over the snapshots, from its lowest to its highest.
        let bars = Array("▁▂▃▄▅▆▇█")
        var sparklines: [String] = []
        for (t, name) in names.enumerated() {
            let figures = listed.map { t < $0.tiers.count ? Int128($0.tiers[t].revenue) : 0 }
            guard let hi = figures.max(), hi > 0, let low = figures.min() else { continue }
            let line = String(figures.map { hi > low ? bars[min(7, Int(Double($0 - low) / Double(hi - low) * 7.999))] : bars[3] })
            sparklines.append("\(name) revenue  \(line)  \(money(low)) … \(money(hi))")
        }
        if !sparklines.isEmpty { blocks.append(.text(sparklines.joined(separator: "\n"))) }
        for comparison in comparisons {
            let matrix = comparison.matrix
            let before = comparison.earlierLabel, after = comparison.laterLabel
            blocks.append(.table(SimulationViews.migration(
                matrix, fromNames: Array(names.prefix(comparison.earlier.info.tierCount)),
                toNames: Array(names.prefix(comparison.later.info.tierCount)),
                title: "\(before) → \(after), customers (\(matrix.moved) move, arrive or leave):",
                absentFrom: "new", absentTo: "gone", money: nil,
                context: [("from_snapshot", before), ("to_snapshot", after)])))
            let movers = LargestMovers.find(
                from: comparison.fromTier, to: comparison.toTier, revenueFrom: comparison.fromRevenue,
                revenueTo: comparison.toRevenue, options: .presentOnBothSides, limit: 5)
            guard !movers.isEmpty else { continue }
            var table = Table("snapshot_movers", title: "Largest movers:", columns: [
                .init("customer", numeric: false), .init("from", numeric: false), .init("to", numeric: false),
                .money("revenue_before"), .money("revenue_after")])
            for m in movers {
                let k = m.customer
                table.append([comparison.id(k), names[Int(comparison.fromTier[k])], names[Int(comparison.toTier[k])],
                              money(Int128(comparison.fromRevenue[k])), money(Int128(comparison.toRevenue[k]))])
            }
            table.machine = .records([Table.Records("snapshot_movers", columns: [
                .init("from_snapshot", numeric: false), .init("to_snapshot", numeric: false)] + table.columns,
                rows: table.rows.map { [before, after] + $0 })])
            blocks.append(.table(table))
        }
        return blocks
    }
}
