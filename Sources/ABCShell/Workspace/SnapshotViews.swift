import ABCCore
import ABCWorkspace

/// How snapshots are written in listings and confirmations.
enum SnapshotViews {
    /// `A 1, B 1, C 3`.
    static func tierSizes(_ tiers: [SnapshotTier]) -> String {
        tiers.map { "\($0.name) \($0.customers)" }.joined(separator: ", ")
    }

    /// `2025-10-01 09:30:00 UTC`: when a snapshot was taken (shown only by `snapshot show`, or
    /// with `timer on`, so scripts print the same bytes on every run).
    static func taken(_ seconds: Double) -> String {
        let whole = Int64(seconds.rounded(.down))
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let rest = Int(whole - days * 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        let day = Int32(clamping: days)
        return "\(CivilDate.iso(day)) \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)) UTC"
    }

    /// `snapshot list`: one row per snapshot in the order taken.
    static func list(_ snapshots: [(info: SnapshotInfo, tiers: [SnapshotTier])], withTimes: Bool) -> Table {
        let tierCount = snapshots.map(\.tiers.count).max() ?? 3
        let names = Array(TieringRule.tierNames.prefix(tierCount))
        var columns: [Table.Column] = [.init("name", numeric: false)]
        if withTimes { columns.append(.init("taken", numeric: false)) }
        columns += [.init("reference_date", numeric: false), .init("dataset", numeric: false), .init("scenario", numeric: false),
                    .init("window", numeric: false), .count("customers")]
        columns += names.map { Table.Column.count("\($0)_customers") }
        var table = Table("snapshots", title: "Snapshots (in the order taken):", columns: columns)
        for (info, tiers) in snapshots {
            var row = [info.name]
            if withTimes { row.append(taken(info.takenAt)) }
            row += [info.referenceDate.map(CivilDate.iso) ?? "", info.dataset.name, info.scenario, info.window,
                    String(tiers.reduce(0) { $0 + $1.customers })]
            row += names.indices.map { $0 < tiers.count ? String(tiers[$0].customers) : "" }
            table.append(row)
        }
        return table
    }
}
