import ABCCore
import ABCWorkspace

/// `export segments --snapshot NAME`: a snapshot's customers as the export's base columns
/// (recency and tenure as of the snapshot's reference date), in customer_id order.
struct SnapshotSegmentsRows: SegmentsTable {
    let snapshot: Snapshot
    let columns = SegmentsRows.baseColumns

    var count: Int { snapshot.customers.count }
    var moneyDecimals: Int { snapshot.info.moneyDecimals }

    func cells(of c: Int, into row: inout [SegmentsRows.Cell]) {
        row.removeAll(keepingCapacity: true)
        let s = snapshot.customers
        let decimals = moneyDecimals
        let reference = snapshot.info.referenceDate
        row.append(.bytes(s.idBytes(c)))
        row.append(.text(TieringRule.tierNames[min(Int(s.tier[c]), TieringRule.tierNames.count - 1)]))
        row.append(.score(s.score[c]))
        row.append(.integer(Int(s.rank[c])))
        row.append(.money(FixedPoint.format(s.revenue[c], decimals: decimals)))
        row.append(s.profit.map { .money(FixedPoint.format($0[c], decimals: decimals)) } ?? .empty)
        row.append(s.orders.map { .integer(Int($0[c])) } ?? .empty)
        row.append(s.first.map { .date($0[c]) } ?? .empty)
        row.append(s.last.map { .date($0[c]) } ?? .empty)
        row.append(s.last.flatMap { last in reference.map { .integer(Int($0) - Int(last[c])) } } ?? .empty)
        row.append(s.first.flatMap { first in reference.map { .integer(Int($0) - Int(first[c])) } } ?? .empty)
    }
}
