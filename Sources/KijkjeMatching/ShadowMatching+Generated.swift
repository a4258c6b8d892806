import Foundation

/// The shape of a generated shadow-matching instance: its size, how popular hosts are, and the constraints.
public struct MatchingShape: Sendable, Equatable, Codable, CustomStringConvertible {
    public var requests: Int
    public var offers: Int
    /// Compatible offers per request.
    public var options = 8
    /// Zipf exponent of the offers' popularity: 0 is uniform, 0.9 a network where some hosts are wanted by
    /// many, 1.3 a few hosts wanted by nearly everyone.
    public var skew = 0.0
    /// Days each offer has, of a four-day week.
    public var days: ClosedRange<Int> = 1...4
    /// Shadowers a host takes on each of their days.
    public var capacity: ClosedRange<Int> = 1...3
    /// The share of options limited to one or two days of the week (which the offer may not have).
    public var limited = 0.0
    /// The share of requests pinned by an organiser to one of their options, and with one forbidden pair.
    public var pinned = 0.0
    public var forbidden = 0.0

    public init(
        requests: Int, offers: Int, options: Int = 8, skew: Double = 0, days: ClosedRange<Int> = 1...4,
        capacity: ClosedRange<Int> = 1...3, limited: Double = 0, pinned: Double = 0, forbidden: Double = 0
    ) {
        self.requests = requests
        self.offers = offers
        self.options = options
        self.skew = skew
        self.days = days
        self.capacity = capacity
        self.limited = limited
        self.pinned = pinned
        self.forbidden = forbidden
    }

    public var description: String {
        var parts = ["\(requests) requests x \(offers) offers", "\(options) options", skew == 0 ? "uniform" : "zipf \(skew)"]
        parts.append("\(days.lowerBound)-\(days.upperBound) days, capacity \(capacity.lowerBound)-\(capacity.upperBound)")
        if limited > 0 { parts.append("\(Int(limited * 100))% limited to days") }
        if pinned > 0 || forbidden > 0 { parts.append("\(Int(pinned * 100))% pinned, \(Int(forbidden * 100))% forbidden") }
        return parts.joined(separator: ", ")
    }

    /// The shapes of the benchmark: the project's own generator, popular hosts with days and limits (the
    /// instance that once took 87 times OR-Tools' time), stronger skew, pins and forbidden pairs, and a dense
    /// one; the reference tests run them scaled down.
    public static let benchmark = [
        MatchingShape(requests: 10_000, offers: 5000),
        MatchingShape(requests: 20_000, offers: 8000, skew: 0.9, days: 1...3, limited: 0.5),
        MatchingShape(requests: 20_000, offers: 8000, skew: 1.3, limited: 0.5),
        MatchingShape(requests: 20_000, offers: 8000, skew: 0.9, days: 1...3, limited: 0.5, pinned: 0.02, forbidden: 0.05),
        MatchingShape(requests: 5000, offers: 1000, options: 12, skew: 0.5, days: 1...1, capacity: 1...1),
    ]

    /// The same shape with requests and offers multiplied by `factor`.
    public func scaled(by factor: Double) -> MatchingShape {
        var shape = self
        shape.requests = max(1, Int(Double(requests) * factor))
        shape.offers = max(1, Int(Double(offers) * factor))
        return shape
    }

    /// A random shape for sweeps: every parameter drawn from its whole range, sizes up to `largest` requests.
    public static func random(using lottery: inout Lottery, largest: Int = 20_000) -> MatchingShape {
        let requests = Int.random(in: 200...largest, using: &lottery)
        let low = Int.random(in: 1...4, using: &lottery), high = Int.random(in: 1...3, using: &lottery)
        return MatchingShape(
            requests: requests, offers: max(1, Int(Double(requests) * Double.random(in: 0.2...0.8, using: &lottery))),
            options: Int.random(in: 2...12, using: &lottery), skew: (Double.random(in: 0...1.3, using: &lottery) * 10).rounded() / 10,
            days: low...Int.random(in: low...4, using: &lottery), capacity: 1...high,
            limited: [0, 0.25, 0.5, 0.9].randomElement(using: &lottery)!, pinned: [0, 0, 0.02].randomElement(using: &lottery)!,
            forbidden: [0, 0, 0.05].randomElement(using: &lottery)!)
    }
}

extension ShadowMatching.Instance {
    /// An instance of a shape, for benchmarks and reference checks: scores 1 to 100, offers on days of a
    /// four-day week, options drawn without repeats with the shape's popularity.
    public static func generated(_ shape: MatchingShape, seed: UInt64) -> ShadowMatching.Instance {
        var lottery = Lottery(seed: seed)
        let week = ["ma", "di", "wo", "do"]
        let offerList = (0..<shape.offers).map { o in
            let count = Int.random(in: shape.days, using: &lottery)
            let days = week.indices.shuffled(using: &lottery).prefix(count).sorted().map { week[$0] }
            return ShadowMatching.Offer(id: "o\(o)", capacity: Int.random(in: shape.capacity, using: &lottery), days: days)
        }
        let popularity = Popularity(count: shape.offers, skew: shape.skew)
        var fixed: [ShadowMatching.Fixed] = []
        var forbidden: [ShadowMatching.Fixed] = []
        let requestList = (0..<shape.requests).map { r in
            let options = popularity.draw(min(shape.options, shape.offers), using: &lottery).map { o in
                var option = ShadowMatching.Option(offer: "o\(o)", score: Int(lottery.next() % 100) + 1)
                if Double.random(in: 0..<1, using: &lottery) < shape.limited {
                    option.days = week.shuffled(using: &lottery).prefix(Int.random(in: 1...2, using: &lottery)).sorted()
                }
                return option
            }
            if let pick = options.randomElement(using: &lottery) {
                if Double.random(in: 0..<1, using: &lottery) < shape.pinned { fixed.append(.init(request: "r\(r)", offer: pick.offer)) }
                if Double.random(in: 0..<1, using: &lottery) < shape.forbidden {
                    forbidden.append(.init(request: "r\(r)", offer: pick.offer))
                }
            }
            return ShadowMatching.Request(id: "r\(r)", options: options)
        }
        return ShadowMatching.Instance(
            requests: requestList, offers: offerList, seed: seed, fixed: fixed.isEmpty ? nil : fixed,
            forbidden: forbidden.isEmpty ? nil : forbidden)
    }
}

/// Draws distinct items of `count` with Zipf weights 1 / (k + 1)^skew (uniform at skew 0).
struct Popularity {
    let cumulative: [Double]

    init(count: Int, skew: Double) {
        var total = 0.0
        cumulative = (0..<count).map { k in
            total += skew == 0 ? 1 : 1 / pow(Double(k + 1), skew)
            return total
        }
    }

    func draw(_ wanted: Int, using lottery: inout Lottery) -> [Int] {
        var picked: [Int] = []
        let total = cumulative.last ?? 0
        while picked.count < min(wanted, cumulative.count) {
            let x = Double(lottery.next() >> 11) / Double(UInt64(1) << 53) * total
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] < x { lo = mid + 1 } else { hi = mid }
            }
            if !picked.contains(lo) { picked.append(lo) }
        }
        return picked
    }
}
