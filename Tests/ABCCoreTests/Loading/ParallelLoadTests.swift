import Foundation
import Testing
@testable import ABCCore

/// A plain file over the loader's 8 MiB threshold is cut into one part per thread; the parts
/// (and `renumber`, one worker per part) must give exactly the dataset one thread gives.
@Suite("Parallel load")
struct ParallelLoadTests {
    /// ~9 MB of rows: 5,000 customers in an order that is not id order, dates over a year,
    /// some returns, an order column.
    static let text: String = {
        var bytes: [UInt8] = Array("customer_id,date,amount,cost,order_id\n".utf8)
        bytes.reserveCapacity(9_600_000)
        var row = 0
        while bytes.count < TransactionLoader.parallelThreshold + 1_000_000 {
            let customer = (row &* 7919) % 5_000
            let month = row % 12 + 1, day = row % 28 + 1
            let cents = (row &* 104_729) % 100_000 - (row % 17 == 0 ? 100_000 : 0)
            let sign = cents < 0 ? "-" : ""
            let magnitude = abs(cents)
            let amount = "\(sign)\(magnitude / 100).\(magnitude % 100 < 10 ? "0" : "")\(magnitude % 100)"
            let line = "K\(customer),2024-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day),\(amount),1.25,O\(row / 3)\n"
            bytes.append(contentsOf: line.utf8)
            row += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }()

    static func load(threads: Int?) throws -> Dataset {
        var o = LoadOptions()
        o.threads = threads
        return try Fixture.load(text, options: o)
    }

    static let oneThread = Result { try load(threads: 1) }

    /// The dataset read in parts is the one read by one thread: ids, metrics, rows.
    static func expect(_ many: Dataset, toBe one: Dataset, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(many.ids == one.ids, sourceLocation: sourceLocation)
        #expect(many.metrics.revenue == one.metrics.revenue, sourceLocation: sourceLocation)
        #expect(many.metrics.profit == one.metrics.profit, sourceLocation: sourceLocation)
        #expect(many.metrics.orders == one.metrics.orders, sourceLocation: sourceLocation)
        #expect(many.metrics.first == one.metrics.first, sourceLocation: sourceLocation)
        #expect(many.metrics.last == one.metrics.last, sourceLocation: sourceLocation)
        #expect(many.transactions?.customer == one.transactions?.customer, sourceLocation: sourceLocation)
        #expect(many.transactions?.date == one.transactions?.date, sourceLocation: sourceLocation)
        #expect(many.report.rowsUsed == one.report.rowsUsed, sourceLocation: sourceLocation)
    }

    @Test(arguments: [2, 3, 8])
    func partsGiveTheDatasetOfOneThread(threads: Int) throws {
        let one = try Self.oneThread.get()
        let many = try Self.load(threads: threads)
        #expect(one.customerCount == 5_000)
        #expect(many.customerCount == one.customerCount)
        Self.expect(many, toBe: one)
        // The parts really were read apart: the report times merging them.
        #expect(one.transactions?.segments.count == 1)
        #expect(many.transactions?.segments.count == threads)
    }

    /// The rows with a quantity (not used: there is an amount) instead of the order column, and
    /// two customers seen only in the first or only in the last part: the parts keep their own
    /// customer tables, merged as the ids are sorted.
    static let textWithoutOrders: String = {
        var lines = text.split(separator: "\n").map { $0.replacingOccurrences(of: ",O", with: ",1") }
        lines[0] = "customer_id,date,amount,cost,quantity"
        lines.insert("ONLY-FIRST,2024-01-05,3.00,1.00,1", at: 1)
        lines.append("ONLY-LAST,2024-12-30,4.00,1.00,1")
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test(arguments: [2, 3])
    func partsWithTheirOwnTablesGiveTheDatasetOfOneThread(threads: Int) throws {
        var o = LoadOptions()
        o.threads = 1
        let one = try Fixture.load(Self.textWithoutOrders, options: o)
        o.threads = threads
        let many = try Fixture.load(Self.textWithoutOrders, options: o)
        #expect(one.customerCount == 5_002)
        Self.expect(many, toBe: one)
        #expect(many.transactions?.segments.count == threads)
        #expect(many.revenue("ONLY-FIRST") == 30_000)
        #expect(many.first("ONLY-LAST") == "2024-12-30")
    }

    /// Ids sharing their first 8 bytes (shorter, as long, longer, one over 255 bytes), each in
    /// every part: one customer each, in byte order, with the sum of all its rows.
    @Test(arguments: [1, 2, 3])
    func idsSharingEightBytesInEveryPart(threads: Int) throws {
        let z = String(repeating: "z", count: 255)
        var ids = ["ABCDEFGH", "ABCDEFG", "ABCDEFGHI", "ABCDEFGHJ", "ABCDEFGH1", "AB", "A", z, z + "y", z + "yy", z + "x"]
        ids += (0..<40_000).map { "P\($0 &* 7 % 40_000)" }  // over the two-thread gather's threshold
        var text = "customer,date,amount\n"
        var expected: [String: Int64] = [:]  // cents
        var row = 0
        while text.utf8.count < TransactionLoader.parallelThreshold + 500_000 {
            let id = ids[row % ids.count], dollars = Int64(row % 100 + 1)
            text += "\(id),2024-05-\(row % 20 + 10),\(dollars)\n"
            expected[id, default: 0] += dollars * 100
            row += 1
        }
        var o = LoadOptions()
        o.threads = threads
        let data = try Fixture.load(text, options: o)
        let order = expected.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(data.ids == order)
        // Revenue is kept in ten-thousandths of a unit: cents × 100.
        #expect(data.metrics.revenue == order.map { expected[$0, default: 0] * 100 })
        #expect(data.transactions?.segments.count == threads)
    }

    @Test func aSumThatOverflowsOnlyWhenPartsMeetIsAnError() {
        // Six rows of 92,233,720,368,547 in each half fit; twelve do not (ten is the most).
        let big = String(repeating: "X,2024-03-01,92233720368547,0,1\n", count: 6)
        let text = "customer_id,date,amount,cost,quantity\n" + big + Self.textWithoutOrders.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n" + big
        var o = LoadOptions()
        o.threads = 2
        #expect(throws: DataError("the sum for customer 'X' overflows")) { try Fixture.load(text, options: o) }
    }

    @Test func aFileIsCutAsBytesAre() throws {
        // The same parts read with pread from a file on disk.
        let path = try Fixture.write(Self.text)
        defer { Fixture.remove(path) }
        var o = LoadOptions()
        o.threads = 3
        let fromFile = try DataLoader.load(path: path, options: o)
        let one = try Self.oneThread.get()
        #expect(fromFile.transactions?.segments.count == 3)
        #expect(fromFile.ids == one.ids)
        #expect(fromFile.metrics.revenue == one.metrics.revenue)
        #expect(fromFile.metrics.orders == one.metrics.orders)
        #expect(fromFile.transactions?.customer == one.transactions?.customer)
    }

    @Test func theDefaultUsesTheProcessors() throws {
        let data = try Self.load(threads: nil)
        let expected = min(8, System.activeProcessorCount)
        #expect(data.transactions?.segments.count == expected)
    }
}
