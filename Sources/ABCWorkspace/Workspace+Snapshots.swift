import ABCCore

extension Workspace {
    /// Whether a snapshot of that name exists.
    public func hasSnapshot(named name: String) throws(RequestError) -> Bool {
        let statement = try connection.prepare("SELECT 1 FROM snapshots WHERE name = ?")
        statement.bind(1, name)
        return try statement.step()
    }

    /// Stores `snapshot` in one transaction: whole or not at all. An existing snapshot of the
    /// same name is replaced only when `replacing`, else the save is refused.
    public func save(_ snapshot: Snapshot, replacing: Bool) throws(RequestError) {
        try requireWritable("snapshot save")
        let info = snapshot.info
        let c = connection
        try c.writeTransaction { () throws(RequestError) in
            let existing = try c.prepare("SELECT id FROM snapshots WHERE name = ?")
            existing.bind(1, info.name)
            if try existing.step() {
                guard replacing else { throw RequestError("snapshot '\(info.name)' exists; add --force to replace it") }
                try deleteSnapshot(id: existing.int64(0))
            }
            let insert = try c.prepare("""
                INSERT INTO snapshots (name, taken_at, scenario, settings, rule, tier_count, money_decimals,
                    dataset_name, dataset_kind, dataset_paths, dataset_bytes, dataset_hash, dataset_hash_of,
                    dataset_rows, dataset_customers, data_first_day, data_last_day, window, window_from_day,
                    window_to_day, reference_day, customers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let d = info.dataset
            insert.bind(1, info.name)
            insert.bind(2, info.takenAt)
            insert.bind(3, info.scenario)
            insert.bind(4, info.settings)
            insert.bind(5, info.rule)
            insert.bind(6, info.tierCount)
            insert.bind(7, info.moneyDecimals)
            insert.bind(8, d.name)
            insert.bind(9, d.kind)
            insert.bind(10, d.paths.joined(separator: "\n"))
            insert.bind(11, d.bytes)
            insert.bind(12, d.hash)
            insert.bind(13, d.hashSource.rawValue)
            insert.bind(14, d.rows)
            insert.bind(15, d.customers)
            insert.bind(16, d.firstDate.map(Int64.init))
            insert.bind(17, d.lastDate.map(Int64.init))
            insert.bind(18, info.window)
            insert.bind(19, info.windowFrom.map(Int64.init))
            insert.bind(20, info.windowTo.map(Int64.init))
            insert.bind(21, info.referenceDate.map(Int64.init))
            insert.bind(22, snapshot.customers.count)
            try insert.step()
            let id = c.lastInsertRowID
            let tier = try c.prepare("""
                INSERT INTO snapshot_tiers (snapshot_id, tier, name, customers, customer_share_bp, revenue_e4,
                    revenue_share_bp, profit_e4, last_customer, boundary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (i, t) in snapshot.tiers.enumerated() {
                tier.reset()
                tier.bind(1, id)
                tier.bind(2, i)
                tier.bind(3, t.name)
                tier.bind(4, t.customers)
                tier.bind(5, t.customerShare)
                tier.bind(6, t.revenue)
                tier.bind(7, t.revenueShare.map(Int64.init))
                tier.bind(8, t.profit)
                tier.bind(9, t.lastCustomer)
                tier.bind(10, t.boundary)
                try tier.step()
            }
            try insertCustomers(snapshot.customers, snapshot: id, tierNames: snapshot.tiers.map(\.name))
        }
    }

    /// One prepared statement for every customer, inside the caller's transaction.
    private func insertCustomers(_ customers: SnapshotCustomers, snapshot id: Int64, tierNames: [String]) throws(RequestError) {
        let row = try connection.prepare("""
            INSERT INTO snapshot_customers (snapshot_id, customer_id, tier, score, rank, revenue_e4, profit_e4,
                orders, first_day, last_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let names = tierNames.isEmpty ? ["A"] : tierNames
        let result: Result<Void, RequestError> = customers.idArena.withUnsafeBufferPointer { arena in
            for i in 0..<customers.count {
                row.reset()
                row.bind(1, id)
                let start = Int(customers.idOffsets[i]), end = Int(customers.idOffsets[i + 1])
                row.bindText(2, UnsafeBufferPointer(rebasing: arena[start..<end]))
                row.bind(3, names[min(Int(customers.tier[i]), names.count - 1)])
                row.bind(4, customers.score[i])
                row.bind(5, Int64(customers.rank[i]))
                row.bind(6, customers.revenue[i])
                if let profit = customers.profit { row.bind(7, profit[i]) }
                if let orders = customers.orders { row.bind(8, orders[i]) }
                if let first = customers.first { row.bind(9, Int64(first[i])) }
                if let last = customers.last { row.bind(10, Int64(last[i])) }
                do throws(RequestError) { try row.step() } catch { return .failure(error) }
            }
            return .success(())
        }
        try result.get()
    }

    private func deleteSnapshot(id: Int64) throws(RequestError) {
        for table in ["snapshot_customers", "snapshot_tiers"] {
            let delete = try connection.prepare("DELETE FROM \(table) WHERE snapshot_id = ?")
            delete.bind(1, id)
            try delete.step()
        }
        let delete = try connection.prepare("DELETE FROM snapshots WHERE id = ?")
        delete.bind(1, id)
        try delete.step()
    }

    /// Drops the snapshot `name`; false when there is none.
    public func dropSnapshot(named name: String) throws(RequestError) -> Bool {
        try requireWritable("snapshot drop")
        return try connection.writeTransaction { () throws(RequestError) -> Bool in
            let existing = try connection.prepare("SELECT id FROM snapshots WHERE name = ?")
            existing.bind(1, name)
            guard try existing.step() else { return false }
            try deleteSnapshot(id: existing.int64(0))
            return true
        }
    }

    private static let infoColumns = """
        id, name, taken_at, scenario, settings, rule, tier_count, money_decimals, dataset_name, dataset_kind,
        dataset_paths, dataset_bytes, dataset_hash, dataset_hash_of, dataset_rows, dataset_customers,
        data_first_day, data_last_day, window, window_from_day, window_to_day, reference_day
        """

    private func readInfo(_ s: Statement) -> SnapshotInfo {
        func day(_ column: Int32) -> Int32? { s.optionalInt64(column).flatMap { Int32(exactly: $0) } }
        let paths = s.text(10)
        let fingerprint = DatasetFingerprint(
            name: s.text(8), kind: s.text(9), paths: paths.isEmpty ? [] : paths.split(separator: "\n").map(String.init),
            bytes: s.optionalInt64(11), hash: s.text(12), hashSource: DatasetFingerprint.HashSource(rawValue: s.text(13)) ?? .file,
            rows: s.int(14), customers: s.int(15), firstDate: day(16), lastDate: day(17))
        return SnapshotInfo(
            name: s.text(1), takenAt: s.double(2), scenario: s.text(3), settings: s.text(4), rule: s.text(5),
            tierCount: s.int(6), moneyDecimals: s.int(7), dataset: fingerprint, window: s.text(18),
            windowFrom: day(19), windowTo: day(20), referenceDate: day(21))
    }

    /// Every snapshot's description and tier profile, in the order they were taken (then by name).
    public func snapshots() throws(RequestError) -> [(info: SnapshotInfo, tiers: [SnapshotTier])] {
        try connection.readTransaction { () throws(RequestError) in
            let s = try connection.prepare("SELECT \(Self.infoColumns) FROM snapshots ORDER BY taken_at, name")
            var out: [(id: Int64, info: SnapshotInfo)] = []
            while try s.step() { out.append((s.int64(0), readInfo(s))) }
            return try out.map { (entry) throws(RequestError) in (entry.info, try tiers(of: entry.id)) }
        }
    }

    private func tiers(of id: Int64) throws(RequestError) -> [SnapshotTier] {
        let s = try connection.prepare("""
            SELECT name, customers, customer_share_bp, revenue_e4, revenue_share_bp, profit_e4, last_customer, boundary
            FROM snapshot_tiers WHERE snapshot_id = ? ORDER BY tier
            """)
        s.bind(1, id)
        var tiers: [SnapshotTier] = []
        while try s.step() {
            tiers.append(SnapshotTier(
                name: s.text(0), customers: s.int(1), customerShare: s.int(2), revenue: s.int64(3),
                revenueShare: s.optionalInt64(4).map(Int.init), profit: s.optionalInt64(5), lastCustomer: s.optionalText(6),
                boundary: s.optionalText(7)))
        }
        return tiers
    }

    /// The snapshot `name` with every customer, or nil when there is none.
    public func snapshot(named name: String) throws(RequestError) -> Snapshot? {
        try connection.readTransaction { () throws(RequestError) -> Snapshot? in
            let s = try connection.prepare("SELECT \(Self.infoColumns) FROM snapshots WHERE name = ?")
            s.bind(1, name)
            guard try s.step() else { return nil }
            let id = s.int64(0)
            let info = readInfo(s)
            let tiers = try tiers(of: id)
            // What comparisons index by: one tier row per tier, at most as many as tiers have names.
            guard (1...TieringRule.tierNames.count).contains(info.tierCount), tiers.count == info.tierCount else {
                throw RequestError("workspace '\(displayName)' is damaged: snapshot '\(name)' has \(tiers.count) tiers of \(info.tierCount)")
            }
            return Snapshot(info: info, tiers: tiers, customers: try customers(of: id, tierNames: tiers.map(\.name)))
        }
    }

    private func customers(of id: Int64, tierNames: [String]) throws(RequestError) -> SnapshotCustomers {
        let count = try connection.integer("SELECT count(*) FROM snapshot_customers WHERE snapshot_id = \(id)") ?? 0
        let s = try connection.prepare("""
            SELECT customer_id, tier, score, rank, revenue_e4, profit_e4, orders, first_day, last_day
            FROM snapshot_customers WHERE snapshot_id = ? ORDER BY rowid
            """)
        s.bind(1, id)
        var c = SnapshotCustomers()
        let n = Int(count)
        c.idOffsets.reserveCapacity(n + 1)
        c.tier.reserveCapacity(n)
        c.score.reserveCapacity(n)
        c.rank.reserveCapacity(n)
        c.revenue.reserveCapacity(n)
        // A tier letter back to its index (A…E as `TieringRule.tierNames` has them).
        var tierIndex = [UInt8](repeating: 255, count: 256)
        for (i, name) in tierNames.enumerated() { if let b = name.utf8.first { tierIndex[Int(b)] = UInt8(i) } }
        var profit: [Int64] = [], orders: [Int64] = [], first: [Int32] = [], last: [Int32] = []
        var hasProfit = true, hasOrders = true, hasFirst = true, hasLast = true
        while try s.step() {
            s.appendText(0, to: &c.idArena)
            guard let end = UInt32(exactly: c.idArena.count) else { throw RequestError("workspace '\(displayName)': snapshot too large to read") }
            c.idOffsets.append(end)
            let t = tierIndex[Int(s.firstByte(1))]
            guard t != 255 else { throw RequestError("workspace '\(displayName)' is damaged: a customer has tier '\(s.text(1))'") }
            c.tier.append(t)
            c.score.append(s.double(2))
            c.rank.append(UInt32(clamping: s.int64(3)))
            c.revenue.append(s.int64(4))
            if hasProfit { if s.isNull(5) { hasProfit = false } else { profit.append(s.int64(5)) } }
            if hasOrders { if s.isNull(6) { hasOrders = false } else { orders.append(s.int64(6)) } }
            if hasFirst { if s.isNull(7) { hasFirst = false } else { first.append(Int32(clamping: s.int64(7))) } }
            if hasLast { if s.isNull(8) { hasLast = false } else { last.append(Int32(clamping: s.int64(8))) } }
        }
        if hasProfit && profit.count == c.count { c.profit = profit }
        if hasOrders && orders.count == c.count { c.orders = orders }
        if hasFirst && first.count == c.count { c.first = first }
        if hasLast && last.count == c.count { c.last = last }
        return c
    }
}
