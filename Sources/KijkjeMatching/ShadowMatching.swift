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
        var model = Model(instance)
        model.placeFixed()
        return model.solve()
    }

    /// The network of an instance with integer ids: source → request (1) → (offer, day) slot (capacity left once
    /// the fixed pairs are placed) → sink, cost top − score, so a minimum-cost maximum flow matches as many as
    /// possible and, among those, scores the most.
    struct Model {
        let instance: Instance
        let offerIndex: [String: Int]
        /// Each offer's days ("" for one unnamed day) and its first slot; slot = `slotStart[offer] + day position`.
        var offerDays: [[String]] = []
        var slotStart: [Int] = [0]
        var left: [Int] = []
        var pairs: [Pair] = []
        var placed = Set<String>()

        init(_ instance: Instance) {
            self.instance = instance
            offerIndex = Dictionary(instance.offers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            for offer in instance.offers {
                let days = (offer.days?.isEmpty ?? true) ? [""] : offer.days!
                offerDays.append(days)
                slotStart.append(slotStart.last! + days.count)
                left.append(contentsOf: repeatElement(offer.capacity, count: days.count))
            }
        }

        /// Places the pins and earlier confirmations first, each on its day or the first day with room.
        mutating func placeFixed() {
            guard let fixedPairs = instance.fixed, !fixedPairs.isEmpty else { return }
            let requestsById = Dictionary(instance.requests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for fixed in fixedPairs where !placed.contains(fixed.request) {
                guard let o = offerIndex[fixed.offer] else { continue }
                let days = offerDays[o]
                let candidates = fixed.day.map { day in days.indices.filter { days[$0] == day } } ?? Array(days.indices)
                guard let position = candidates.first(where: { left[slotStart[o] + $0] > 0 }) else { continue }
                left[slotStart[o] + position] -= 1
                let score = requestsById[fixed.request]?.options.first { $0.offer == fixed.offer }?.score ?? 0
                let day = days[position]
                pairs.append(Pair(request: fixed.request, offer: fixed.offer, day: day.isEmpty ? nil : day, score: score, fixed: true))
                placed.insert(fixed.request)
            }
        }

        /// Matches the open requests optimally and returns the whole result.
        mutating func solve() -> Result {
            let open = instance.requests.indices.filter { !placed.contains(instance.requests[$0].id) }
            let order = Lottery.draw(open.count, seed: instance.seed ?? 0).map { open[$0] }
            let top = (instance.requests.lazy.flatMap { $0.options.lazy.map(\.score) }.max() ?? 0) + 1
            var forbidden = Set<Int>()
            if let pairs = instance.forbidden, !pairs.isEmpty {
                let requestIndex = Dictionary(instance.requests.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
                for pair in pairs {
                    if let r = requestIndex[pair.request], let o = offerIndex[pair.offer] {
                        forbidden.insert(r * instance.offers.count + o)
                    }
                }
            }
            var edges = FlowEdges()
            let source = edges.addNodes(1), sink = edges.addNodes(1)
            let slotBase = edges.addNodes(left.count)
            for (slot, capacity) in left.enumerated() {
                edges.addEdge(from: slotBase + slot, to: sink, capacity: max(0, capacity), cost: 0)
            }
            struct Arc { var edge: Int; var request: Int32; var offer: Int32; var day: Int32; var score: Int }
            var arcs: [Arc] = []
            for r in order {
                let node = edges.addNodes(1)
                edges.addEdge(from: source, to: node, capacity: 1, cost: 0)
                for option in instance.requests[r].options.sorted(by: { $0.score > $1.score }) where option.score > 0 {
                    guard let o = offerIndex[option.offer], !forbidden.contains(r * instance.offers.count + o) else { continue }
                    for (position, day) in offerDays[o].enumerated() where day.isEmpty || option.days?.contains(day) ?? true {
                        let edge = edges.addEdge(from: node, to: slotBase + slotStart[o] + position, capacity: 1, cost: top - option.score)
                        arcs.append(Arc(edge: edge, request: Int32(r), offer: Int32(o), day: Int32(position), score: option.score))
                    }
                }
            }
            let network = ResidualNetwork(edges)
            _ = network.augment(from: source, to: sink)
            network.minimizeCost()
            for arc in arcs where network.flow(onEdge: arc.edge) > 0 {
                let request = instance.requests[Int(arc.request)].id
                let day = offerDays[Int(arc.offer)][Int(arc.day)]
                pairs.append(
                    Pair(
                        request: request, offer: instance.offers[Int(arc.offer)].id, day: day.isEmpty ? nil : day, score: arc.score,
                        fixed: false))
                placed.insert(request)
            }
            let unmatched = instance.requests.map(\.id).filter { !placed.contains($0) }
            return Result(
                pairs: pairs.sorted { $0.request < $1.request }, unmatched: unmatched,
                totalScore: pairs.reduce(0) { $0 + $1.score })
        }
    }
}
