/// Did-you-mean: the known name nearest to what was typed, by edit distance.
enum NearestName {
    /// The nearest of `names` (the first listed on a tie), with its distance.
    /// Nil for text longer than `maxLength`: no name is that long, and a pasted paragraph
    /// would cost edit distances quadratic in its length (a 1 MB word took 10 s).
    static func nearest(to text: String, among names: [String]) -> (name: String, distance: Int)? {
        guard text.utf8.count <= maxLength else { return nil }
        var best: (name: String, distance: Int)?
        for name in names {
            let d = editDistance(text, name)
            if d < best?.distance ?? Int.max { best = (name, d) }
        }
        return best
    }

    /// The longest text a suggestion is looked for.
    static let maxLength = 64

    /// The nearest name when it is within `maxDistance` edits, else nil.
    static func suggestion(for text: String, among names: [String], maxDistance: Int = 2) -> String? {
        guard let best = nearest(to: text, among: names), best.distance <= maxDistance else { return nil }
        return best.name
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
