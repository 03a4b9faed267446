/// A segmentation kept in a workspace: what it was taken from (`SnapshotInfo`), its tier
/// profile, and every customer's tier, score, rank and metrics, so a later quarter can be
/// compared with it after its data file is gone.
public struct Snapshot: Sendable {
    public var info: SnapshotInfo
    /// One per tier, A first.
    public var tiers: [SnapshotTier]
    public var customers: SnapshotCustomers

    public init(info: SnapshotInfo, tiers: [SnapshotTier], customers: SnapshotCustomers) {
        self.info = info
        self.tiers = tiers
        self.customers = customers
    }
}

/// What a snapshot was taken of: its name, when, the scenario and its settings, the dataset's
/// fingerprint and the window. Days are day numbers (days since 1970-01-01).
public struct SnapshotInfo: Sendable, Equatable {
    public var name: String
    /// Seconds since 1970-01-01 UTC.
    public var takenAt: Double
    /// The scenario it was taken of, and its settings as script lines (`set weights …`,
    /// `set tiers …`, `lever …`), from a fresh base.
    public var scenario: String
    public var settings: String
    /// The tiering rule as `segment` describes it (`count 20/30/50`).
    public var rule: String
    public var tierCount: Int
    /// Decimals the dataset's money prints with.
    public var moneyDecimals: Int
    public var dataset: DatasetFingerprint
    /// The window the segmentation covers: `all data`, `quarter 2025Q1`…, and its days.
    public var window: String
    public var windowFrom: Int32?
    public var windowTo: Int32?
    public var referenceDate: Int32?
    /// Customers and revenue per tier (filled when listed; the tiers hold them too).
    public var tierCustomers: [Int] = []

    public init(
        name: String, takenAt: Double, scenario: String, settings: String, rule: String, tierCount: Int,
        moneyDecimals: Int, dataset: DatasetFingerprint, window: String, windowFrom: Int32?, windowTo: Int32?,
        referenceDate: Int32?
    ) {
        self.name = name
        self.takenAt = takenAt
        self.scenario = scenario
        self.settings = settings
        self.rule = rule
        self.tierCount = tierCount
        self.moneyDecimals = moneyDecimals
        self.dataset = dataset
        self.window = window
        self.windowFrom = windowFrom
        self.windowTo = windowTo
        self.referenceDate = referenceDate
    }
}

/// Which data a snapshot came from, to tell later whether a file is the same.
public struct DatasetFingerprint: Sendable, Equatable {
    /// What the hash covers.
    public enum HashSource: String, Sendable {
        /// The bytes of the data file(s).
        case file
        /// The per-customer aggregate (ids and metrics), for data without a file at hand.
        case customers
    }

    /// The name the load gave (a path, or `sample`).
    public var name: String
    /// `transactions` or `customers`.
    public var kind: String
    /// The files loaded (absolute), empty for `sample`.
    public var paths: [String]
    /// Their size in bytes, nil without a file.
    public var bytes: Int64?
    /// CRC-32 (zlib's, 8 hex digits): tells a changed file from the same one; not
    /// cryptographic, so it proves nothing against someone who wants a collision.
    public var hash: String
    public var hashSource: HashSource
    /// Rows used and customers.
    public var rows: Int
    public var customers: Int
    /// The data's first and last dates, nil without dates.
    public var firstDate: Int32?
    public var lastDate: Int32?

    public init(
        name: String, kind: String, paths: [String], bytes: Int64?, hash: String, hashSource: HashSource, rows: Int,
        customers: Int, firstDate: Int32?, lastDate: Int32?
    ) {
        self.name = name
        self.kind = kind
        self.paths = paths
        self.bytes = bytes
        self.hash = hash
        self.hashSource = hashSource
        self.rows = rows
        self.customers = customers
        self.firstDate = firstDate
        self.lastDate = lastDate
    }
}

/// One tier of a snapshot's profile. Money in units of 1/10,000.
public struct SnapshotTier: Sendable, Equatable {
    public var name: String
    public var customers: Int
    /// Shares in basis points (largest-remainder rounded, as the profile printed them).
    public var customerShare: Int
    public var revenue: Int64
    public var revenueShare: Int?
    public var profit: Int64?
    /// The last customer in the tier and its boundary as printed (a score or a value).
    public var lastCustomer: String?
    public var boundary: String?

    public init(
        name: String, customers: Int, customerShare: Int, revenue: Int64, revenueShare: Int?, profit: Int64?,
        lastCustomer: String?, boundary: String?
    ) {
        self.name = name
        self.customers = customers
        self.customerShare = customerShare
        self.revenue = revenue
        self.revenueShare = revenueShare
        self.profit = profit
        self.lastCustomer = lastCustomer
        self.boundary = boundary
    }
}

/// Every customer of a snapshot in columns, in customer-id byte order (as a dataset holds
/// them, so two sides match by a merge). Money in units of 1/10,000; days as day numbers.
public struct SnapshotCustomers: Sendable {
    /// Id bytes back to back; `idOffsets[i]..<idOffsets[i + 1]` is customer i.
    public var idArena: [UInt8] = []
    public var idOffsets: [UInt32] = [0]
    /// Tier index (0 = A).
    public var tier: [UInt8] = []
    public var score: [Double] = []
    public var rank: [UInt32] = []
    public var revenue: [Int64] = []
    public var profit: [Int64]?
    public var orders: [Int64]?
    public var first: [Int32]?
    public var last: [Int32]?

    public init() {}

    public var count: Int { tier.count }

    public func id(_ i: Int) -> String {
        String(decoding: idArena[Int(idOffsets[i])..<Int(idOffsets[i + 1])], as: UTF8.self)
    }

    public func idBytes(_ i: Int) -> ArraySlice<UInt8> { idArena[Int(idOffsets[i])..<Int(idOffsets[i + 1])] }
}
