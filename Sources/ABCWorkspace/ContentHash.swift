import ABCCore
import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The content hash of a snapshot's dataset: zlib's CRC-32, which reads at memory speed and
/// tells a changed file from the same one. It is not cryptographic: it proves nothing against
/// someone crafting a collision.
public enum ContentHash {
    /// The CRC-32 of the files' bytes, one after the other, and their total size; nil when a
    /// file cannot be read (gone, or not a file), so the caller hashes the customers instead.
    public static func files(_ paths: [String]) -> (hash: String, bytes: Int64)? {
        var crc: UInt = crc32(0, nil, 0)
        var total: Int64 = 0
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        for path in paths {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunk) }
                if n < 0 {
                    if errno == EINTR { continue }
                    return nil
                }
                if n == 0 { break }
                crc = buffer.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt(n)) }
                total += Int64(n)
            }
        }
        return (hex(crc), total)
    }

    /// The CRC-32 of the per-customer aggregate: every id and its metrics, in order (for data
    /// without a file: the bundled sample, a database).
    public static func customers(_ customers: SnapshotCustomers) -> String {
        var crc: UInt = crc32(0, nil, 0)
        func add<T>(_ values: [T]) {
            values.withUnsafeBytes { crc = crc32(crc, $0.bindMemory(to: UInt8.self).baseAddress, uInt($0.count)) }
        }
        add(customers.idArena)
        add(customers.idOffsets)
        add(customers.revenue)
        if let profit = customers.profit { add(profit) }
        if let orders = customers.orders { add(orders) }
        if let first = customers.first { add(first) }
        if let last = customers.last { add(last) }
        return hex(crc)
    }

    private static func hex(_ crc: UInt) -> String {
        let text = String(UInt32(truncatingIfNeeded: crc), radix: 16)
        return String(repeating: "0", count: 8 - text.count) + text
    }
}
