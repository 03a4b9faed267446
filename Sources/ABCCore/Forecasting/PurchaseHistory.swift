/// What the purchase models know of each customer, as `lifetimes`'
/// `summary_data_from_transaction_data` defines it with daily periods: a customer's rows are
/// merged per day, and a day is a purchase day when its net amount is > 0 (returns and zero
/// rows are not purchases, as for `orders`). Then, in days:
/// - frequency x = purchase days − 1 (repeat purchase days),
/// - recency tₓ = last purchase day − first purchase day (not the tool's `recency`),
/// - age T = end of the observation (the reference date) − first purchase day,
/// - the repeat value = the sum of the repeat days' net amounts (first day excluded), whose
///   mean over x is the spend model's input.
/// Customers without a purchase day have none of these (`isBuyer` false).
public struct PurchaseHistory: Sendable {
    public var frequency: [Int32]
    public var recency: [Int32]
    public var age: [Int32]
    /// Σ net of the repeat purchase days, in money units.
    public var repeatValue: [Int64]
    public var isBuyer: [Bool]
    /// The day T is measured to.
    public var end: Int32

    public var count: Int { frequency.count }

    /// Mean value of a repeat purchase day in currency units (0 without repeats).
    public func meanRepeatValue(_ i: Int) -> Double {
        frequency[i] == 0 ? 0 : Double(repeatValue[i]) / Double(frequency[i]) / Double(FixedPoint.scale)
    }

    /// The customers `keep` (ascending global indices) in that order.
    public func picking(_ keep: [UInt32]) -> PurchaseHistory {
        func pick<T>(_ v: [T]) -> [T] { keep.map { v[Int($0)] } }
        return PurchaseHistory(
            frequency: pick(frequency), recency: pick(recency), age: pick(age), repeatValue: pick(repeatValue),
            isBuyer: pick(isBuyer), end: end)
    }
}

extension TransactionColumns {
    /// The purchase history of every customer over the rows dated in `window` (all rows when
    /// nil), T measured to `end`.
    ///
    /// One pass counts each customer's rows, a second places their (day, amount) pairs side
    /// by side (a counting sort by customer), and each customer's few pairs are then sorted by
    /// day and merged: no per-row objects, two column-sized scratch arrays.
    public func purchaseHistory(customers n: Int, window: DateWindow?, end: Int32) -> PurchaseHistory {
        let from = window?.from ?? .min, to = window?.to ?? .max
        var start = [Int](repeating: 0, count: n + 1)
        for segment in segments {
            segment.date.withValues { date in
                for i in 0..<segment.count {
                    let d = date(i)
                    if d >= from && d <= to { start[Int(segment.customer[i]) + 1] += 1 }
                }
            }
        }
        for c in 0..<n { start[c + 1] += start[c] }
        let rows = start[n]
        var days = [Int32](repeating: 0, count: rows)
        var amounts = [Int64](repeating: 0, count: rows)
        var next = start
        for segment in segments {
            segment.date.withValues { date in
                segment.amount.withValues { amount in
                    for i in 0..<segment.count {
                        let d = date(i)
                        guard d >= from && d <= to else { continue }
                        let c = Int(segment.customer[i])
                        days[next[c]] = d
                        amounts[next[c]] = amount(i)
                        next[c] += 1
                    }
                }
            }
        }
        var history = PurchaseHistory(
            frequency: [Int32](repeating: 0, count: n), recency: [Int32](repeating: 0, count: n),
            age: [Int32](repeating: 0, count: n), repeatValue: [Int64](repeating: 0, count: n),
            isBuyer: [Bool](repeating: false, count: n), end: end)
        var pairs: [(day: Int32, amount: Int64)] = []
        for c in 0..<n where start[c] < start[c + 1] {
            pairs.removeAll(keepingCapacity: true)
            for k in start[c]..<start[c + 1] { pairs.append((days[k], amounts[k])) }
            pairs.sort { $0.day < $1.day }
            var purchaseDays: Int32 = 0
            var first: Int32 = 0, last: Int32 = 0
            var repeatValue: Int64 = 0
            var k = 0
            while k < pairs.count {
                let day = pairs[k].day
                var net: Int64 = 0
                while k < pairs.count && pairs[k].day == day {
                    net &+= pairs[k].amount  // bounded by the customer's checked revenue sums
                    k += 1
                }
                guard net > 0 else { continue }
                if purchaseDays == 0 { first = day } else { repeatValue &+= net }
                last = day
                purchaseDays += 1
            }
            guard purchaseDays > 0 else { continue }
            history.isBuyer[c] = true
            history.frequency[c] = purchaseDays - 1
            history.recency[c] = last - first
            history.age[c] = end - first
            history.repeatValue[c] = repeatValue
        }
        return history
    }
}
