/// A column of money in units that takes 4 bytes a value while every value fits in 32 bits
/// (amounts up to ±214,748 currency units), and widens itself to 8 bytes the first time
/// one does not. Halves the memory of the transaction columns on real exports.
public struct MoneyColumn: Sendable, Equatable {
    private(set) var narrow: [Int32] = []
    private(set) var wide: [Int64]?

    public init() {}

    public init(_ values: [Int64]) {
        for v in values { append(v) }
    }

    public var count: Int { wide?.count ?? narrow.count }

    @inline(__always)
    public mutating func append(_ value: Int64) {
        if wide == nil {
            if let v = Int32(exactly: value) {
                narrow.append(v)
                return
            }
            var widened = narrow.map(Int64.init)
            widened.reserveCapacity(Swift.max(narrow.capacity, 1024))
            narrow = []
            wide = widened
        }
        wide!.append(value)
    }

    public mutating func reserveCapacity(_ n: Int) {
        if wide == nil { narrow.reserveCapacity(n) } else { wide!.reserveCapacity(n) }
    }

    public subscript(index: Int) -> Int64 {
        if let wide { return wide[index] }
        return Int64(narrow[index])
    }

    /// Every value, widened (copies).
    public var values: [Int64] { wide ?? narrow.map(Int64.init) }

    /// Calls `body` with a function reading value i, specialised for either width.
    @inline(__always)
    public func withValues<R>(_ body: ((Int) -> Int64) throws -> R) rethrows -> R {
        if let wide {
            return try wide.withUnsafeBufferPointer { b in try body { b[$0] } }
        }
        return try narrow.withUnsafeBufferPointer { b in try body { Int64(b[$0]) } }
    }
}
