/// A column of day numbers that takes 2 bytes a value while every date falls in the 179
/// years from 1900-01-01, and widens itself to 4 bytes the first time one does not (or a
/// slash date still awaits its day/month order).
public struct DateColumn: Sendable, Equatable {
    /// Day number of 1900-01-01, the zero of the narrow form.
    static let base: Int32 = -25_567
    private(set) var narrow: [UInt16] = []
    private(set) var wide: [Int32]?

    public init() {}

    public init(_ values: [Int32]) {
        for v in values { append(v) }
    }

    public var count: Int { wide?.count ?? narrow.count }

    @inline(__always)
    public mutating func append(_ value: Int32) {
        if wide == nil {
            let offset = Int64(value) - Int64(Self.base)
            if offset >= 0 && offset <= Int64(UInt16.max) {
                narrow.append(UInt16(offset))
                return
            }
            var widened = narrow.map { Int32($0) + Self.base }
            widened.reserveCapacity(Swift.max(narrow.capacity, 1024))
            narrow = []
            wide = widened
        }
        wide!.append(value)
    }

    public mutating func reserveCapacity(_ n: Int) {
        if wide == nil { narrow.reserveCapacity(n) } else { wide!.reserveCapacity(n) }
    }

    public subscript(index: Int) -> Int32 {
        if let wide { return wide[index] }
        return Int32(narrow[index]) + Self.base
    }

    /// Every value, widened (copies).
    public var values: [Int32] { wide ?? narrow.map { Int32($0) + Self.base } }

    /// Calls `body` with a function reading value i, specialised for either width.
    @inline(__always)
    public func withValues<R>(_ body: ((Int) -> Int32) throws -> R) rethrows -> R {
        if let wide {
            return try wide.withUnsafeBufferPointer { b in try body { b[$0] } }
        }
        return try narrow.withUnsafeBufferPointer { b in try body { Int32(b[$0]) + Self.base } }
    }

    /// Rewrites every value (used once, to settle slash dates).
    public mutating func update(_ transform: (Int32) -> Int32) {
        var values = self.values
        for i in values.indices { values[i] = transform(values[i]) }
        self = DateColumn(values)
    }
}
