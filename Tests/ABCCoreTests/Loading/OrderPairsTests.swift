import Testing
@testable import ABCCore

/// Orders are the (customer, order id) pairs with a positive net amount, counted exactly
/// whatever the ids look like: short ones kept in the row's key, long ones (more than 8
/// bytes) by their bytes, an order's lines adjacent or far apart, parts read in parallel.
@Suite("Order pairs")
struct OrderPairsTests {
    /// Hand-worked: K1's order 'A' has two lines apart (+30, +20 → one order), 'LONG-ORDER-1'
    /// and 'LONG-ORDER-2' differ only in their 12th byte, 'ABCDEFGH' (8 bytes, inline) and
    /// 'ABCDEFGHI' (9, stored) are two orders; K2's 'A' is another pair than K1's; K2's 'R'
    /// nets to zero (a return) and is no order.
    @Test func handWorkedPairs() throws {
        let text = """
            customer_id,date,amount,order_id
            K1,2024-01-01,30,A
            K2,2024-01-01,10,A
            K1,2024-01-02,5,LONG-ORDER-1
            K1,2024-01-03,5,LONG-ORDER-2
            K1,2024-01-04,20,A
            K1,2024-01-05,1,ABCDEFGH
            K1,2024-01-05,1,ABCDEFGHI
            K2,2024-01-06,8,R
            K2,2024-01-07,-8,R
            K1,2024-01-08,2,LONG-ORDER-1

            """
        let d = try Fixture.load(text)
        #expect(d.ids == ["K1", "K2"])
        #expect(d.metrics.orders == [5, 1])
        #expect(d.transactions?.orderPairCount == 7)
        let pairs = try #require(d.transactions?.orderPair)
        #expect(pairs[0] == pairs[4])  // K1 A
        #expect(pairs[2] == pairs[9])  // K1 LONG-ORDER-1
        #expect(pairs[1] != pairs[0])  // K2 A is not K1 A
        #expect(pairs[7] == pairs[8])  // K2 R
        #expect(Set(pairs).count == 7)
    }

    /// A file cut into parallel parts, ids long and short, orders spread over the whole file:
    /// the counts equal a dictionary's count of (customer, id) pairs with a positive net.
    @Test(arguments: [1, 2, 3])
    func partsCountAsADictionaryDoes(threads: Int) throws {
        var text = "customer_id,date,amount,order_id\n"
        var net: [String: [String: Int]] = [:]
        var row = 0
        while text.utf8.count < TransactionLoader.parallelThreshold + 500_000 {
            let customer = "K\((row &* 7919) % 3_001)"
            let order = row % 3 == 0 ? "ORDER-WITH-A-LONG-ID-\(row % 50_000)" : "S\(row % 40_000)"
            let cents = (row &* 104_729) % 10_000 - 2_500
            let m = abs(cents), day = row % 28 + 1
            text += "\(customer),2024-01-\(day < 10 ? "0" : "")\(day),\(cents < 0 ? "-" : "")\(m / 100).\(m % 100 < 10 ? "0" : "")\(m % 100),\(order)\n"
            net[customer, default: [:]][order, default: 0] += cents
            row += 1
        }
        var options = LoadOptions()
        options.threads = threads
        let d = try Fixture.load(text, options: options)
        let expected = d.ids.map { id in Int64(net[id, default: [:]].values.filter { $0 > 0 }.count) }
        #expect(d.metrics.orders == expected)
        #expect(d.transactions?.orderPairCount == net.values.reduce(0) { $0 + $1.count })
        #expect(threads == 1 || d.transactions?.segments.count == threads)
    }
}
