/// A flow network in compressed form for the flow algorithms: each node's arcs (forward and reverse) in one
/// contiguous range, integer node and arc ids, flat buffers and no dictionary or string work.
///
/// Arc `a` runs from its node to `head[a]`; `mate[a]` is its reverse arc. The residual capacity of a reverse
/// arc is the flow on its forward arc. Each node's arcs keep the order their edges were added in, which makes
/// every algorithm deterministic (the allocation adds edges in lottery order). An arc's `tier` hides it from
/// `augment` until the tier is let in (the allocation's ranks); reverse arcs have tier 0.
final class ResidualNetwork {
    let nodeCount: Int
    let arcCount: Int
    let first: UnsafeMutableBufferPointer<Int>
    let head: UnsafeMutableBufferPointer<Int32>
    let mate: UnsafeMutableBufferPointer<Int32>
    let residual: UnsafeMutableBufferPointer<Int>
    let cost: UnsafeMutableBufferPointer<Int>
    let tier: UnsafeMutableBufferPointer<Int32>
    /// The forward arc of each edge, in the order edges were added.
    let arcOfEdge: UnsafeMutableBufferPointer<Int32>

    init(_ edges: FlowEdges) {
        let n = edges.nodeCount, m = edges.tails.count
        nodeCount = n
        arcCount = 2 * m
        first = .allocate(capacity: n + 1)
        first.initialize(repeating: 0)
        head = .allocate(capacity: 2 * m)
        mate = .allocate(capacity: 2 * m)
        residual = .allocate(capacity: 2 * m)
        cost = .allocate(capacity: 2 * m)
        tier = .allocate(capacity: 2 * m)
        arcOfEdge = .allocate(capacity: m)
        for e in 0..<m {
            first[Int(edges.tails[e]) + 1] += 1
            first[Int(edges.heads[e]) + 1] += 1
        }
        for v in 0..<n { first[v + 1] += first[v] }
        var fill = Array(first[0..<n])
        for e in 0..<m {
            let u = Int(edges.tails[e]), v = Int(edges.heads[e])
            let a = fill[u], b = fill[v]
            fill[u] += 1
            fill[v] += 1
            head[a] = Int32(v)
            head[b] = Int32(u)
            mate[a] = Int32(b)
            mate[b] = Int32(a)
            residual[a] = edges.capacities[e]
            residual[b] = 0
            cost[a] = edges.costs[e]
            cost[b] = -edges.costs[e]
            tier[a] = edges.tiers[e]
            tier[b] = 0
            arcOfEdge[e] = Int32(a)
        }
    }

    deinit {
        first.deallocate()
        head.deallocate()
        mate.deallocate()
        residual.deallocate()
        cost.deallocate()
        tier.deallocate()
        arcOfEdge.deallocate()
    }

    /// The flow on an edge (by the order it was added).
    func flow(onEdge e: Int) -> Int { residual[Int(mate[Int(arcOfEdge[e])])] }

    /// A copy of the residual capacities, to go back to with `restore`.
    func saveFlow(into copy: inout [Int]) {
        if copy.count != arcCount { copy = [Int](repeating: 0, count: arcCount) }
        copy.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: residual) }
    }

    func restore(_ copy: [Int]) {
        _ = residual.update(fromContentsOf: copy)
    }

    /// The network of the edges up to a tier, carrying the flow they carry here (the edges above carry none),
    /// and each kept edge's index in it (−1 for the edges left out).
    func restricted(_ edges: FlowEdges, toTier top: Int32) -> (network: ResidualNetwork, index: [Int]) {
        var kept = FlowEdges(nodes: edges.nodeCount)
        var index = [Int](repeating: -1, count: edges.edgeCount)
        for e in 0..<edges.edgeCount where edges.tiers[e] <= top {
            index[e] = kept.addEdge(
                from: Int(edges.tails[e]), to: Int(edges.heads[e]), capacity: edges.capacities[e], cost: edges.costs[e],
                tier: Int(edges.tiers[e]))
        }
        let network = ResidualNetwork(kept)
        for (e, k) in index.enumerated() where k >= 0 {
            let flow = self.flow(onEdge: e)
            let a = Int(network.arcOfEdge[k])
            network.residual[a] -= flow
            network.residual[Int(network.mate[a])] += flow
        }
        return (network, index)
    }
}

/// The edges of a flow network as they are added: tail, head, capacity, cost and tier per edge.
public struct FlowEdges: Sendable {
    public private(set) var nodeCount = 0
    var tails: [Int32] = []
    var heads: [Int32] = []
    var capacities: [Int] = []
    var costs: [Int] = []
    var tiers: [Int32] = []

    public init(nodes: Int = 0) { nodeCount = nodes }

    public var edgeCount: Int { tails.count }

    public mutating func reserve(edges: Int) {
        tails.reserveCapacity(edges)
        heads.reserveCapacity(edges)
        capacities.reserveCapacity(edges)
        costs.reserveCapacity(edges)
        tiers.reserveCapacity(edges)
    }

    /// Adds `count` nodes and returns the index of the first.
    public mutating func addNodes(_ count: Int) -> Int {
        nodeCount += count
        return nodeCount - count
    }

    /// Adds a directed edge and returns its index.
    @discardableResult
    public mutating func addEdge(from u: Int, to v: Int, capacity c: Int, cost w: Int, tier: Int = 0) -> Int {
        precondition(u < nodeCount && v < nodeCount && c >= 0 && w >= 0, "edges join known nodes with non-negative capacity and cost")
        tails.append(Int32(u))
        heads.append(Int32(v))
        capacities.append(c)
        costs.append(w)
        tiers.append(Int32(tier))
        return tails.count - 1
    }
}
