/// A flow network with integer capacities and non-negative integer costs, solved for a minimum-cost flow of
/// the largest value up to a limit.
///
/// Two steps on one compressed residual network: a maximum flow (Dinic, up to the limit), then cost-scaling
/// push-relabel turns it into the cheapest flow of that value. Neither step's time depends on how many units
/// compete for the same cheap arcs, which is what made the earlier successive-shortest-path method slow on
/// skewed instances. Deterministic: arcs are explored in the order they were added.
public struct MinCostFlow: Sendable {
    public private(set) var edges: FlowEdges
    private var flows: [Int] = []

    public init(nodes: Int = 0) { edges = FlowEdges(nodes: nodes) }

    public var nodeCount: Int { edges.nodeCount }

    /// Adds a node and returns its index.
    public mutating func addNode() -> Int { edges.addNodes(1) }

    /// Adds a directed edge and returns its index (for `flow(on:)`).
    @discardableResult
    public mutating func addEdge(from u: Int, to v: Int, capacity c: Int, cost w: Int) -> Int {
        edges.addEdge(from: u, to: v, capacity: c, cost: w)
    }

    /// The flow on an edge after `solve`.
    public func flow(on edge: Int) -> Int { flows.isEmpty ? 0 : flows[edge] }

    /// The result of a solve: how much flowed and what it cost.
    public struct Solution: Sendable, Equatable {
        public var flow: Int
        public var cost: Int

        public init(flow: Int, cost: Int) {
            self.flow = flow
            self.cost = cost
        }
    }

    /// Sends as much flow as possible, up to `limit`, from `source` to `sink` at the least total cost.
    public mutating func solve(from source: Int, to sink: Int, limit: Int = .max) -> Solution {
        let network = ResidualNetwork(edges)
        let sent = network.augment(from: source, to: sink, limit: limit)
        network.minimizeCost()
        flows = (0..<edges.edgeCount).map { network.flow(onEdge: $0) }
        var total = 0
        for (e, flow) in flows.enumerated() { total += flow * edges.costs[e] }
        return Solution(flow: sent, cost: total)
    }
}
