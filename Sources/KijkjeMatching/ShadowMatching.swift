/// Many-to-one matching of shadow requests to offers: each request gets at most one (offer, day), each offer
/// takes at most its capacity on each of its days. Optimal: first as many requests matched as possible, then the
/// greatest total score. Organisers' pins are placed first, forbidden pairs never made, earlier confirmed
/// matches kept. Deterministic for a seed, which orders the requests (and so breaks ties).
public enum ShadowMatching {
    public struct Offer: Sendable, Equatable, Codable {
        public var id: String
        /// Shadowers the host takes on each of their days.
        public var capacity: Int
        /// The days offered; nil or empty means one unnamed day.
        public var days: [String]?

        public init(id: String, capacity: Int, days: [String]? = nil) {
            self.id = id
            self.capacity = capacity
            self.days = days
        }
    }

    /// A compatible offer for a request, with its score (higher is better) and the days both can do.
    public struct Option: Sendable, Equatable, Codable {
        public var offer: String
        public var score: Int
        public var days: [String]?

        public init(offer: String, score: Int, days: [String]? = nil) {
            self.offer = offer
            self.score = score
            self.days = days
        }
    }

    public struct Request: Sendable, Equatable, Codable {
        public var id: String
        public var options: [Option]

        public init(id: String, options: [Option]) {
            self.id = id
            self.options = options
        }
    }

    /// A pair that is fixed before the optimisation: pinned by an organiser, or confirmed in an earlier run.
    public struct Fixed: Sendable, Equatable, Codable {
        public var request: String
        public var offer: String
        public var day: String?

        public init(request: String, offer: String, day: String? = nil) {
            self.request = request
            self.offer = offer
            self.day = day
        }
    }

    public struct Instance: Sendable, Equatable, Codable {
        public var requests: [Request]
        public var offers: [Offer]
        public var seed: UInt64?
        public var fixed: [Fixed]?
        public var forbidden: [Fixed]?

        public init(requests: [Request], offers: [Offer], seed: UInt64? = nil, fixed: [Fixed]? = nil, forbidden: [Fixed]? = nil) {
            self.requests = requests
            self.offers = offers
            self.seed = seed
            self.fixed = fixed
            self.forbidden = forbidden
        }
    }

    public struct Pair: Sendable, Equatable, Codable {
        public var request: String
        public var offer: String
        public var day: String?
        public var score: Int
        /// Placed before the optimisation (pin or earlier confirmation).
        public var fixed: Bool
    }

    public struct Result: Sendable, Equatable {
        public var pairs: [Pair]
        public var unmatched: [String]
        public var totalScore: Int
    }

    /// Solves an instance.
    public static func solve(_ instance: Instance) -> Result {
        let offerIndex = Dictionary(instance.offers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let forbidden = Set((instance.forbidden ?? []).map { "\($0.request)\u{1F}\($0.offer)" })
        func days(_ offer: Offer) -> [String] { (offer.days?.isEmpty ?? true) ? [""] : offer.days! }

        // Capacity left per (offer, day) once the fixed pairs are placed.
        var left: [String: Int] = [:]
        for offer in instance.offers { for day in days(offer) { left["\(offer.id)\u{1F}\(day)"] = offer.capacity } }
        var pairs: [Pair] = []
        var placed = Set<String>()
        let requestsById = Dictionary(instance.requests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for fixed in instance.fixed ?? [] where !placed.contains(fixed.request) {
            guard let o = offerIndex[fixed.offer] else { continue }
            let offer = instance.offers[o]
            let candidates = fixed.day.map { [$0] } ?? days(offer)
            guard let day = candidates.first(where: { left["\(offer.id)\u{1F}\($0)", default: 0] > 0 }) else { continue }
            left["\(offer.id)\u{1F}\(day)", default: 0] -= 1
            let score = requestsById[fixed.request]?.options.first { $0.offer == fixed.offer }?.score ?? 0
            pairs.append(Pair(request: fixed.request, offer: fixed.offer, day: day.isEmpty ? nil : day, score: score, fixed: true))
            placed.insert(fixed.request)
        }

        // The rest: source → request (1) → (offer, day) (capacity left) → sink; cost = top − score, so a
        // minimum-cost maximum flow matches as many as possible and, among those, scores the most.
        let open = instance.requests.filter { !placed.contains($0.id) }
        let order = Lottery.draw(open.count, seed: instance.seed ?? 0).map { open[$0] }
        let top = (instance.requests.flatMap { $0.options.map(\.score) }.max() ?? 0) + 1
        var network = MinCostFlow()
        let source = network.addNode(), sink = network.addNode()
        var slotNode: [String: Int] = [:]
        for offer in instance.offers {
            for day in days(offer) {
                let key = "\(offer.id)\u{1F}\(day)"
                let node = network.addNode()
                slotNode[key] = node
                network.addEdge(from: node, to: sink, capacity: max(0, left[key] ?? 0), cost: 0)
            }
        }
        var edges: [(edge: Int, request: String, offer: String, day: String, score: Int)] = []
        for request in order {
            let node = network.addNode()
            network.addEdge(from: source, to: node, capacity: 1, cost: 0)
            for option in request.options.sorted(by: { $0.score > $1.score })
            where option.score > 0 && !forbidden.contains("\(request.id)\u{1F}\(option.offer)") {
                guard let o = offerIndex[option.offer] else { continue }
                let offerDays = days(instance.offers[o])
                let usable = option.days.map { wanted in offerDays.filter { wanted.contains($0) || $0.isEmpty } } ?? offerDays
                for day in usable {
                    guard let slot = slotNode["\(option.offer)\u{1F}\(day)"] else { continue }
                    let edge = network.addEdge(from: node, to: slot, capacity: 1, cost: top - option.score)
                    edges.append((edge, request.id, option.offer, day, option.score))
                }
            }
        }
        _ = network.solve(from: source, to: sink)
        for e in edges where network.flow(on: e.edge) > 0 {
            pairs.append(Pair(request: e.request, offer: e.offer, day: e.day.isEmpty ? nil : e.day, score: e.score, fixed: false))
            placed.insert(e.request)
        }
        let unmatched = instance.requests.map(\.id).filter { !placed.contains($0) }
        return Result(
            pairs: pairs.sorted { $0.request < $1.request }, unmatched: unmatched,
            totalScore: pairs.reduce(0) { $0 + $1.score })
    }
}
