import KijkjeMatching
import Testing

@Suite("Min-cost flow")
struct MinCostFlowTests {
    @Test("a small textbook network gives its known optimum")
    func textbook() {
        var network = MinCostFlow(nodes: 4)
        network.addEdge(from: 0, to: 1, capacity: 2, cost: 1)
        network.addEdge(from: 0, to: 2, capacity: 1, cost: 2)
        network.addEdge(from: 1, to: 2, capacity: 1, cost: 1)
        network.addEdge(from: 1, to: 3, capacity: 1, cost: 3)
        network.addEdge(from: 2, to: 3, capacity: 2, cost: 1)
        // Paths 0-1-2-3 (3), 0-2-3 (3) and 0-1-3 (4).
        let expected = MinCostFlow.Solution(flow: 3, cost: 10)
        #expect(network.solve(from: 0, to: 3) == expected)
    }

    @Test("a limit stops the flow at the cheapest units")
    func limit() {
        var network = MinCostFlow(nodes: 2)
        network.addEdge(from: 0, to: 1, capacity: 5, cost: 7)
        network.addEdge(from: 0, to: 1, capacity: 5, cost: 2)
        let expected = MinCostFlow.Solution(flow: 6, cost: 17)
        #expect(network.solve(from: 0, to: 1, limit: 6) == expected)
    }

    @Test("random networks match a one-unit-at-a-time Bellman–Ford reference", arguments: 0..<60)
    func matchesReference(seed: Int) {
        var lottery = Lottery(seed: UInt64(seed))
        let nodes = Int.random(in: 3...9, using: &lottery)
        var edges: [(Int, Int, Int, Int)] = []
        for _ in 0..<Int.random(in: 2...24, using: &lottery) {
            let u = Int.random(in: 0..<nodes, using: &lottery), v = Int.random(in: 0..<nodes, using: &lottery)
            if u != v { edges.append((u, v, Int.random(in: 1...4, using: &lottery), Int.random(in: 0...9, using: &lottery))) }
        }
        var network = MinCostFlow(nodes: nodes)
        for (u, v, c, w) in edges { network.addEdge(from: u, to: v, capacity: c, cost: w) }
        let solved = network.solve(from: 0, to: nodes - 1)
        #expect(solved == Self.reference(nodes: nodes, edges: edges, source: 0, sink: nodes - 1))
    }

    /// The plainest correct method: augment one unit along a cheapest path (Bellman–Ford) until none is left.
    static func reference(nodes: Int, edges: [(Int, Int, Int, Int)], source: Int, sink: Int) -> MinCostFlow.Solution {
        var to: [Int] = [], cap: [Int] = [], cost: [Int] = [], from: [Int] = []
        for (u, v, c, w) in edges {
            from += [u, v]; to += [v, u]; cap += [c, 0]; cost += [w, -w]
        }
        var flow = 0, total = 0
        while true {
            var distance = [Int](repeating: Int.max, count: nodes)
            var via = [Int](repeating: -1, count: nodes)
            distance[source] = 0
            for _ in 0..<nodes {
                for e in 0..<to.count where cap[e] > 0 && distance[from[e]] != Int.max && distance[from[e]] + cost[e] < distance[to[e]] {
                    distance[to[e]] = distance[from[e]] + cost[e]
                    via[to[e]] = e
                }
            }
            if distance[sink] == Int.max { break }
            var v = sink
            while v != source { let e = via[v]; cap[e] -= 1; cap[e ^ 1] += 1; v = from[e] }
            flow += 1
            total += distance[sink]
        }
        return .init(flow: flow, cost: total)
    }
}
