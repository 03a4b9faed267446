import ABCCore

/// `snapshot show NAME`: what a snapshot was taken of, and its tier profile.
struct SnapshotShowCommand: CommandWithOneArgument {
    static let saved: SavedAs = .omitted
    static let isUndoable = false

    static let spec = CommandSpec(
        "snapshot show", group: .workspace, arguments: "NAME",
        summary: "what a snapshot was taken of (when, data, fingerprint, settings) and its tier profile",
        example: "snapshot show 2025Q3", completion: [.snapshot])

    let name: Token

    init(argument: Token) { name = argument }

    func run(in context: CommandContext) throws -> [Block] {
        let open = try context.workspace()
        guard let (info, tiers) = try open.store.snapshots().first(where: { $0.info.name == name.text }) else {
            throw SnapshotName.unknown(name, in: open)
        }
        let d = info.dataset
        let decimals = info.moneyDecimals
        let money = { (v: Int64) in FixedPoint.format(v, decimals: decimals) }
        var lines = ["Snapshot \(info.name):"]
        lines.append("  taken     \(SnapshotViews.taken(info.takenAt))")
        lines.append("  scenario  \(info.scenario), tiers \(info.rule)")
        lines.append("  window    \(info.window)" + (info.referenceDate.map { "; reference date \(CivilDate.iso($0))" } ?? ""))
        var data = "  data      \(d.name) (\(d.kind)): \(d.rows) rows, \(d.customers) customers"
        if let first = d.firstDate, let last = d.lastDate { data += ", \(CivilDate.iso(first)) to \(CivilDate.iso(last))" }
        lines.append(data)
        let source = d.hashSource == .file ? "\(d.bytes.map { "\($0) bytes, " } ?? "")CRC-32 \(d.hash) of the file"
            : "CRC-32 \(d.hash) of the per-customer figures"
        lines.append("  content   \(source)")
        let settings = info.settings.split(separator: "\n")
        lines.append("  settings  " + (settings.isEmpty ? "those of a fresh base" : settings.joined(separator: "\n            ")))
        var table = Table("snapshot_tiers", title: "Tiers:", columns: [
            .init("tier", numeric: false), .count("customers"), .init("cust_share"), .money("revenue"), .init("rev_share"),
            .money("profit"), .init("last_customer", numeric: false), Table.Column("boundary", kind: .moneyOrScore),
        ])
        for t in tiers {
            table.append([t.name, String(t.customers), NumberFormatting.percent(basisPoints: t.customerShare), money(t.revenue),
                          t.revenueShare.map { NumberFormatting.percent(basisPoints: $0) } ?? "",
                          t.profit.map(money) ?? SimulationViews.notKnown, t.lastCustomer ?? "", t.boundary ?? ""])
        }
        return [.text(lines.joined(separator: "\n")), .table(table)]
    }
}
