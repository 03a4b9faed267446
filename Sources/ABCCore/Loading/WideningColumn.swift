/// A column of integers stored in a narrow type while every value fits (as an offset from
/// `base`), widening itself the first time one does not. Transaction columns use it for
/// money (4 bytes instead of 8 while amounts stay within ±214,748 currency units) and dates
/// (2 bytes instead of 4 for the 179 years from 1900), halving their memory on real exports.
public struct WideningColumn<Narrow: FixedWidthInteger & Sendable, Wide: FixedWidthInteger & Sendable>: Sendable, Equatable {
    private let base: Wide
    private(set) var narrow: [Narrow] = []
    private(set) var wide: [Wide]?

    init(base: Wide) { self.base = base }

    public var count: Int { wide?.count ?? narrow.count }

    /// Bytes of one value while every value fits the narrow type (the memory estimate's).
    static var narrowBytes: Int { MemoryLayout<Narrow>.stride }

    /// The bytes its values take in memory now (reserved capacity not written to takes none).
    var usedBytes: Int { wide.map { $0.count * MemoryLayout<Wide>.stride } ?? narrow.count * Self.narrowBytes }

    @inline(__always)
    public mutating func append(_ value: Wide) {
        if wide == nil {
            let (offset, overflow) = value.subtractingReportingOverflow(base)
            if !overflow, let v = Narrow(exactly: offset) {
                narrow.append(v)
                return
            }
            var widened = narrow.map { Wide($0) + base }
            widened.reserveCapacity(Swift.max(narrow.capacity, 1024))
            narrow = []
            wide = widened
        }
        wide!.append(value)
    }

    public mutating func reserveCapacity(_ n: Int) {
        if wide == nil { narrow.reserveCapacity(n) } else { wide!.reserveCapacity(n) }
    }

    public subscript(index: Int) -> Wide {
        if let wide { return wide[index] }
        return Wide(narrow[index]) + base
    }

    /// Every value, widened (copies).
    public var values: [Wide] { wide ?? narrow.map { Wide($0) + base } }

    /// Calls `body` with a function reading value i, specialised for either width.
    @inline(__always)
    public func withValues<R>(_ body: ((Int) -> Wide) throws -> R) rethrows -> R {
        if let wide {
            return try wide.withUnsafeBufferPointer { b in try body { b[$0] } }
        }
        let base = self.base
        return try narrow.withUnsafeBufferPointer { b in try body { Wide(b[$0]) + base } }
    }

    /// Calls `body` with the column's storage: its narrow values (with `base` to add) or its
    /// wide ones; the other buffer is empty.
    func withUnsafeStorage<R>(_ body: (UnsafeBufferPointer<Narrow>, UnsafeBufferPointer<Wide>, Wide) -> R) -> R {
        if let wide { return wide.withUnsafeBufferPointer { body(UnsafeBufferPointer(start: nil, count: 0), $0, base) } }
        return narrow.withUnsafeBufferPointer { body($0, UnsafeBufferPointer(start: nil, count: 0), base) }
    }

    /// Rewrites every value (used once, to settle slash dates).
    public mutating func update(_ transform: (Wide) -> Wide) {
        let values = self.values
        var updated = Self(base: base)
        for v in values { updated.append(transform(v)) }
        self = updated
    }
}

/// Money in units: 32-bit until a value needs 64.
public typealias MoneyColumn = WideningColumn<Int32, Int64>
/// Day numbers: 16-bit offsets from 1900-01-01 until a date falls outside 1900–2079 (or a
/// slash date still awaits its day/month order).
public typealias DateColumn = WideningColumn<UInt16, Int32>

extension WideningColumn where Narrow == Int32, Wide == Int64 {
    public init() { self.init(base: 0) }
}

extension WideningColumn where Narrow == UInt16, Wide == Int32 {
    /// Day number of 1900-01-01, the zero of the narrow form.
    public init() { self.init(base: -25_567) }
}
