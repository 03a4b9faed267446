import ABCCore
import ABCWorkspace

/// A scenario's segmentation as a workspace snapshot: every customer of its window with tier,
/// score, rank and metrics, its tier profile, its settings as script lines, and the dataset's
/// fingerprint. Also the live side of `compare snapshot:NAME SCENARIO`.
enum SnapshotCapture {
    /// The snapshot `name` of `scenario` (before its levers: the segmentation `segment` shows;
    /// the levers are in its settings). `hashing` computes the dataset's content hash (only
    /// `snapshot save` does: a live side of a comparison needs none).
    static func snapshot(named name: String, of scenario: Scenario, session: Session, hashing: Bool) throws -> Snapshot {
        let evaluator = session.evaluator
        let (dataset, segmentation) = try evaluator.segmentation(of: scenario)
        let scope = try evaluator.scope(of: scenario)
        let m = scope.metrics
        var customers = SnapshotCustomers()
        let ids = dataset.customerIDs
        if let scoped = scope.customers {
            customers.idOffsets.reserveCapacity(scoped.count + 1)
            for g in scoped {
                customers.idArena.append(contentsOf: ids.arena[Int(ids.offsets[Int(g)])..<Int(ids.offsets[Int(g) + 1])])
                customers.idOffsets.append(UInt32(customers.idArena.count))
            }
        } else {
            customers.idArena = ids.arena
            customers.idOffsets = ids.offsets
        }
        customers.tier = segmentation.tier
        customers.score = segmentation.score
        customers.rank = segmentation.rank
        customers.revenue = m.revenue
        customers.profit = m.profit
        customers.orders = m.orders
        customers.first = m.first
        customers.last = m.last

        let money = { (v: Int128) throws(RequestError) -> Int64 in
            guard let units = Int64(exactly: v) else { throw RequestError("a tier's revenue is too large to keep in a snapshot") }
            return units
        }
        var tiers: [SnapshotTier] = []
        for tier in segmentation.profile.tiers {
            let boundary = tier.boundaryValue.map { dataset.formatMoney($0) } ?? tier.boundaryScore.map(NumberFormatting.score)
            tiers.append(SnapshotTier(
                name: tier.name, customers: tier.customers, customerShare: tier.customerShare, revenue: try money(tier.revenue),
                revenueShare: tier.revenueShare, profit: try tier.profit.map { (p) throws(RequestError) in try money(p) },
                lastCustomer: tier.boundaryCustomer.map { ids[scope.global($0)] }, boundary: boundary))
        }
        let settings = ScenarioScript.settingLines(scenario, from: Scenario(name: "base"), money: session.moneyFormatter())
        let report = dataset.report
        let window = scope.window ?? report.firstDate.flatMap { first in report.lastDate.map { DateWindow(from: first, to: $0) } }
        let fingerprint = hashing ? Self.fingerprint(of: dataset, customers: customers, session: session) : Self.unhashed(dataset)
        let info = SnapshotInfo(
            name: name, takenAt: session.environment.now(), scenario: scenario.name,
            settings: settings.map { $0 + "\n" }.joined(), rule: scenario.rule.script, tierCount: segmentation.tierCount,
            moneyDecimals: dataset.moneyDecimals, dataset: fingerprint, window: WindowViews.describe(scenario, scope: scope),
            windowFrom: window?.from, windowTo: window?.to, referenceDate: scope.window?.to ?? m.referenceDate ?? report.lastDate)
        return Snapshot(info: info, tiers: tiers, customers: customers)
    }

    private static func unhashed(_ dataset: Dataset) -> DatasetFingerprint {
        DatasetFingerprint(
            name: dataset.name, kind: dataset.kind.rawValue, paths: [], bytes: nil, hash: "", hashSource: .customers,
            rows: dataset.report.rowsUsed, customers: dataset.customerCount, firstDate: dataset.report.firstDate,
            lastDate: dataset.report.lastDate)
    }

    /// The files' CRC-32 when the load's files can all be read now (a pattern, `sample` or a
    /// file gone since: the per-customer aggregate's).
    private static func fingerprint(of dataset: Dataset, customers: SnapshotCustomers, session: Session) -> DatasetFingerprint {
        var fingerprint = unhashed(dataset)
        let paths = session.loadRecord?.paths.filter { $0 != "sample" } ?? []
        if !paths.isEmpty, paths.allSatisfy({ session.fileSystem.entry(at: $0) == (true, false) }), let hashed = ContentHash.files(paths) {
            fingerprint.paths = paths
            fingerprint.bytes = hashed.bytes
            fingerprint.hash = hashed.hash
            fingerprint.hashSource = .file
        } else {
            fingerprint.paths = paths
            fingerprint.hash = ContentHash.customers(customers)
        }
        return fingerprint
    }
}
