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

    @Test(arguments: [2, 3, 8])
    func partsGiveTheDatasetOfOneThread(threads: Int) throws {
        let one = try Self.oneThread.get()
        let many = try Self.load(threads: threads)
        #expect(one.customerCount == 5_000)
        #expect(many.customerCount == one.customerCount)
        #expect(many.ids == one.ids)
        #expect(many.metrics.revenue == one.metrics.revenue)
        #expect(many.metrics.profit == one.metrics.profit)
        #expect(many.metrics.orders == one.metrics.orders)
        #expect(many.metrics.first == one.metrics.first)
        #expect(many.metrics.last == one.metrics.last)
        #expect(many.transactions?.customer == one.transactions?.customer)
        #expect(many.transactions?.date == one.transactions?.date)
        #expect(many.report.rowsUsed == one.report.rowsUsed)
        // The parts really were read apart: the report times merging them.
        #expect(one.transactions?.segments.count == 1)
        #expect(many.transactions?.segments.count == threads)
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
