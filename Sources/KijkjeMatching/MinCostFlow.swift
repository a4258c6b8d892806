/// A flow network with integer capacities and non-negative integer costs, solved for a minimum-cost flow of
/// the largest value up to a limit.
///
/// The method is primal-dual: Dijkstra with node potentials finds the shortest augmenting distance, then a
/// blocking flow (Dinic) is pushed along every edge of zero reduced cost at once. Allocation and matching costs
/// take few distinct values, so there are few phases, and each phase moves many units. Edges are explored in the
/// order they were added, which makes the result deterministic (the allocation adds them in lottery order).
public struct MinCostFlow: Sendable {
    public private(set) var nodeCount = 0
    var from: [Int32] = []
    var to: [Int32] = []
    var residual: [Int] = []
    var capacity: [Int] = []
    var cost: [Int] = []

    public init(nodes: Int = 0) { nodeCount = nodes }

    /// Adds a node and returns its index.
    public mutating func addNode() -> Int {
        nodeCount += 1
        return nodeCount - 1
    }

    /// Adds a directed edge and returns its index (for `flow(on:)`); its reverse residual edge is index + 1.
    @discardableResult
    public mutating func addEdge(from u: Int, to v: Int, capacity c: Int, cost w: Int) -> Int {
        precondition(u < nodeCount && v < nodeCount && c >= 0 && w >= 0, "edges join known nodes with non-negative capacity and cost")
        let index = to.count
        from.append(Int32(u)); to.append(Int32(v)); residual.append(c); capacity.append(c); cost.append(w)
        from.append(Int32(v)); to.append(Int32(u)); residual.append(0); capacity.append(0); cost.append(-w)
        return index
    }

    /// The flow on an edge after `solve`.
    public func flow(on edge: Int) -> Int { capacity[edge] - residual[edge] }

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
        let adjacency = Adjacency(self)
        var potential = [Int](repeating: 0, count: nodeCount)
        var sent = 0
        while sent < limit {
            guard let distance = shortestDistances(from: source, to: sink, potential: potential, adjacency) else { break }
            for v in 0..<nodeCount { potential[v] += min(distance[v], distance[sink]) }
            let pushed = blockingFlows(from: source, to: sink, limit: limit - sent, potential: potential, adjacency)
            if pushed == 0 { break }
            sent += pushed
        }
        var total = 0
        for e in stride(from: 0, to: to.count, by: 2) { total += flow(on: e) * cost[e] }
        return Solution(flow: sent, cost: total)
    }

    /// Edge indices grouped by their tail node, in the order they were added.
    struct Adjacency {
        var start: [Int]
        var edges: [Int32]

        init(_ network: MinCostFlow) {
            start = [Int](repeating: 0, count: network.nodeCount + 1)
            for u in network.from { start[Int(u) + 1] += 1 }
            for v in 0..<network.nodeCount { start[v + 1] += start[v] }
            var fill = start
            edges = [Int32](repeating: 0, count: network.from.count)
            for (e, u) in network.from.enumerated() {
                edges[fill[Int(u)]] = Int32(e)
                fill[Int(u)] += 1
            }
        }
    }

    static let unreachable = Int.max / 4

    /// Dijkstra on reduced costs over residual edges; nil when the sink cannot be reached.
    func shortestDistances(from source: Int, to sink: Int, potential: [Int], _ adjacency: Adjacency) -> [Int]? {
        var distance = [Int](repeating: Self.unreachable, count: nodeCount)
        var heap = MinHeap()
        distance[source] = 0
        heap.push(key: 0, value: source)
        while let (d, u) = heap.pop() {
            if d > distance[u] { continue }
            for i in adjacency.start[u]..<adjacency.start[u + 1] {
                let e = Int(adjacency.edges[i])
                guard residual[e] > 0 else { continue }
                let v = Int(to[e])
                let candidate = d + cost[e] + potential[u] - potential[v]
                if candidate < distance[v] {
                    distance[v] = candidate
                    heap.push(key: candidate, value: v)
                }
            }
        }
        return distance[sink] >= Self.unreachable ? nil : distance
    }

    /// Dinic's blocking flows over the edges of zero reduced cost, until none leads to the sink.
    mutating func blockingFlows(from source: Int, to sink: Int, limit: Int, potential: [Int], _ adjacency: Adjacency) -> Int {
        var total = 0
        var level = [Int32](repeating: -1, count: nodeCount)
        var queue = [Int](repeating: 0, count: nodeCount)
        while total < limit {
            // Levels by breadth-first search over admissible edges.
            for v in 0..<nodeCount { level[v] = -1 }
            level[source] = 0
            var head = 0, tail = 0
            queue[tail] = source; tail += 1
            while head < tail {
                let u = queue[head]; head += 1
                for i in adjacency.start[u]..<adjacency.start[u + 1] {
                    let e = Int(adjacency.edges[i])
                    let v = Int(to[e])
                    if residual[e] > 0, level[v] < 0, cost[e] + potential[u] - potential[v] == 0 {
                        level[v] = level[u] + 1
                        queue[tail] = v; tail += 1
                    }
                }
            }
            if level[sink] < 0 { break }
            // Augmenting paths by iterative depth-first search with current-arc pointers.
            var arc = adjacency.start
            var path: [Int] = []
            var u = source
            while total < limit {
                if u == sink {
                    var bottleneck = limit - total
                    for e in path { bottleneck = min(bottleneck, residual[e]) }
                    for e in path { residual[e] -= bottleneck; residual[e ^ 1] += bottleneck }
                    total += bottleneck
                    path.removeAll(keepingCapacity: true)
                    u = source
                    continue
                }
                var advanced = false
                while arc[u] < adjacency.start[u + 1] {
                    let e = Int(adjacency.edges[arc[u]])
                    let v = Int(to[e])
                    if residual[e] > 0, level[v] == level[u] + 1, cost[e] + potential[u] - potential[v] == 0 {
                        path.append(e)
                        u = v
                        advanced = true
                        break
                    }
                    arc[u] += 1
                }
                if advanced { continue }
                // Dead end: no path to the sink from u at this level; retreat.
                level[u] = -1
                guard let e = path.popLast() else { break }
                u = Int(from[e])
                arc[u] += 1
            }
        }
        return total
    }
}

/// A binary min-heap of (key, value) pairs.
struct MinHeap {
    private var keys: [Int] = []
    private var values: [Int] = []

    mutating func push(key: Int, value: Int) {
        keys.append(key); values.append(value)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if keys[parent] <= keys[i] { break }
            keys.swapAt(parent, i); values.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> (Int, Int)? {
        guard let topKey = keys.first, let topValue = values.first else { return nil }
        let lastKey = keys.removeLast(), lastValue = values.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey; values[0] = lastValue
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var smallest = i
                if l < keys.count && keys[l] < keys[smallest] { smallest = l }
                if r < keys.count && keys[r] < keys[smallest] { smallest = r }
                if smallest == i { break }
                keys.swapAt(smallest, i); values.swapAt(smallest, i)
                i = smallest
            }
        }
        return (topKey, topValue)
    }
}
