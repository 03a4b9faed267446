import ABCCore

/// Reads a command's positional arguments in order: keywords, amounts, percentages, with
/// errors pointing at the word and the usage text taken from the command's spec.
struct ArgumentReader {
    let invocation: Invocation
    var position = 0

    init(_ invocation: Invocation) { self.invocation = invocation }

    var arguments: [Token] { invocation.arguments }
    var usage: String { invocation.spec.usage }
    var isAtEnd: Bool { position >= arguments.count }

    mutating func next(_ what: String) throws(CommandError) -> Token {
        guard position < arguments.count else { throw invocation.missing("missing \(what); usage: \(usage)") }
        position += 1
        return arguments[position - 1]
    }

    mutating func keyword(_ word: String) throws(CommandError) {
        let token = try next("'\(word)'")
        guard token.text.lowercased() == word else {
            throw invocation.error("expected '\(word)', found '\(token.text)'; usage: \(usage)", at: token)
        }
    }

    /// Whether the next word is `word` (not consumed).
    func peek(_ word: String) -> Bool {
        position < arguments.count && arguments[position].text.lowercased() == word
    }

    /// Consumes `word` when it comes next.
    mutating func take(_ word: String) -> Bool {
        guard peek(word) else { return false }
        position += 1
        return true
    }

    /// A tier letter and its token. The letter is checked against the scenario's tiers when
    /// the command runs (`TierName.parse`); a word that is no tier at all reads as tier A here.
    mutating func tier() throws(CommandError) -> (Int, Token) {
        let token = try next("a tier")
        return ((try? TierName.parse(token, tierCount: TieringRule.tierNames.count)) ?? 0, token)
    }

    /// Every `where …` clause that comes next (`lever retention A where at-risk …`).
    mutating func filter() throws(CommandError) -> CustomerFilter {
        var rest = arguments[position...]
        var filter = CustomerFilter()
        try filter.read(&rest, invocation: invocation)
        position = rest.startIndex
        return filter
    }

    mutating func amount(_ what: String) throws(CommandError) -> Int64 {
        let token = try next(what)
        guard let value = FixedPoint.parseAmount(token.text), value >= 0 else {
            throw invocation.error("expected \(what) (an amount ≥ 0 with at most 4 decimals), found '\(token.text)'", at: token)
        }
        return value
    }

    /// A percentage with the sign the syntax shows (`+10%`, `-5%`), between 0 and `maximum`.
    mutating func rate(_ what: String, sign: Character? = nil, maximum: Int = 100) throws(CommandError) -> ExactRate {
        let token = try next(what)
        var text = Substring(token.text)
        if let sign, text.first == sign { text = text.dropFirst() }
        guard let rate = ExactRate(percent: String(text)) else {
            throw invocation.error("expected \(what) as a percentage (e.g. \(sign.map(String.init) ?? "")10%), found '\(token.text)'", at: token)
        }
        if rate.isNegative || (sign == "+" && token.text.first == "-") || (sign == "-" && token.text.first == "+") {
            throw invocation.error("\(what) cannot be negative: \(token.text)", at: token)
        }
        if Int128(rate.numerator) * 100 > Int128(maximum) * Int128(rate.denominator) {
            throw invocation.error("\(what) cannot exceed \(maximum)%: \(token.text)", at: token)
        }
        return rate
    }

    /// A change written with its sign (`-5%`, `+3%`), as a rate that is positive for `-`:
    /// a price cut of 5% is 0.05, a rise of 3% is −0.03. A cut may not reach `below`%
    /// (100: nothing left), a rise may not pass `above`%.
    /// Without a sign the change goes the `unsigned` way (a price cut, a volume increase).
    mutating func signedRate(_ what: String, unsigned: Character, below: Int, above: Int) throws(CommandError) -> ExactRate {
        let token = try next(what)
        let signed = token.text.first == "-" || token.text.first == "+"
        let sign = signed ? token.text.first ?? unsigned : unsigned
        guard let rate = ExactRate(percent: String(signed ? token.text.dropFirst() : Substring(token.text))), !rate.isNegative else {
            throw invocation.error("expected \(what) with its sign, e.g. -5% or +3%, found '\(token.text)'", at: token)
        }
        if sign == "-" && Int128(rate.numerator) * 100 >= Int128(below) * Int128(rate.denominator) {
            throw invocation.error("\(what) cannot be -\(below)% or more: \(token.text)", at: token)
        }
        if sign == "+" && Int128(rate.numerator) * 100 > Int128(above) * Int128(rate.denominator) {
            throw invocation.error("\(what) cannot exceed +\(above)%: \(token.text)", at: token)
        }
        return sign == "-" ? rate : ExactRate.zero - rate
    }

    /// A margin: a percentage above −100% and at most 100% (`30%`, `-5%`).
    mutating func marginRate() throws(CommandError) -> ExactRate {
        let token = try next("a margin")
        guard let rate = ExactRate(percent: token.text) else {
            throw invocation.error("expected a margin as a percentage (e.g. 30%), found '\(token.text)'", at: token)
        }
        let hundred = Int128(100) * Int128(rate.denominator), value = Int128(rate.numerator) * 100
        guard value <= hundred, value > -hundred else {
            throw invocation.error("a margin lies between -100% and 100%, found '\(token.text)'", at: token)
        }
        return rate
    }

    /// Fails on words left over.
    func finish() throws(CommandError) {
        if position < arguments.count {
            throw invocation.error("unexpected '\(arguments[position].text)'; usage: \(usage)", at: arguments[position])
        }
    }
}
