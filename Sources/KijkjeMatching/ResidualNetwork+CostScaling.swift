extension ResidualNetwork {
    /// Turns the present flow into one of the same value and least cost: cost-scaling push-relabel (Goldberg),
    /// the method of OR-Tools' SimpleMinCostFlow and LEMON's CostScaling.
    ///
    /// Costs are multiplied by n + 1, so a flow that is 1-optimal in the scaled costs is optimal. Each phase
    /// divides ε by `factor`, saturates the arcs whose reduced cost is below −ε, and pushes the excess so made
    /// along admissible arcs (negative reduced cost) to the nodes in deficit, lowering a node's price when it has
    /// none. Look-ahead keeps the work small when many units compete for few places: a push goes only to a node
    /// that can pass it on (or relabels that node first). Global price updates were measured on the benchmark's
    /// shapes and cost more than they saved, so there are none. Arc costs are scaled in place; read flows, not
    /// costs, afterwards.
    func minimizeCost(factor: Int = 4) {
        let n = nodeCount
        var largest = 0
        for a in 0..<arcCount {
            cost[a] *= n + 1
            largest = max(largest, abs(cost[a]))
        }
        guard largest > 0 else { return }
        let scaling = CostScaling(self)
        var epsilon = largest
        repeat {
            epsilon = max(epsilon / factor, 1)
            scaling.refine(epsilon)
        } while epsilon > 1
    }
}

/// The state of one cost-scaling run: prices, excesses, current arcs and the stack of active nodes.
final class CostScaling {
    let network: ResidualNetwork
    let price: UnsafeMutableBufferPointer<Int>
    let excess: UnsafeMutableBufferPointer<Int>
    let current: UnsafeMutableBufferPointer<Int>
    var active: [Int32] = []
    var epsilon = 1

    init(_ network: ResidualNetwork) {
        self.network = network
        let n = network.nodeCount
        price = .allocate(capacity: n)
        price.initialize(repeating: 0)
        excess = .allocate(capacity: n)
        excess.initialize(repeating: 0)
        current = .allocate(capacity: n)
        current.initialize(repeating: 0)
    }

    deinit {
        price.deallocate()
        excess.deallocate()
        current.deallocate()
    }

    /// One phase: from an ε·factor-optimal flow to an ε-optimal one of the same value.
    func refine(_ epsilon: Int) {
        self.epsilon = epsilon
        let g = network
        let n = g.nodeCount
        for u in 0..<n {
            let pu = price[u]
            for a in g.first[u]..<g.first[u + 1] where g.residual[a] > 0 {
                let v = Int(g.head[a])
                if g.cost[a] + pu - price[v] < -epsilon {
                    let r = g.residual[a]
                    g.residual[a] = 0
                    g.residual[Int(g.mate[a])] += r
                    excess[u] -= r
                    excess[v] += r
                }
            }
        }
        active.removeAll(keepingCapacity: true)
        for u in stride(from: n - 1, through: 0, by: -1) where excess[u] > 0 { active.append(Int32(u)) }
        for u in 0..<n { current[u] = g.first[u] }
        while let u = active.popLast() { discharge(Int(u)) }
    }
    /// Pushes a node's excess along admissible arcs, lowering its price whenever it has none left.
    func discharge(_ u: Int) {
        let g = network
        let end = g.first[u + 1]
        while excess[u] > 0 {
            var a = current[u]
            while a < end {
                if g.residual[a] > 0 {
                    let v = Int(g.head[a])
                    if g.cost[a] + price[u] - price[v] < 0 {
                        if excess[v] >= 0 && !hasAdmissibleArc(v) && relabel(v) {
                            if g.cost[a] + price[u] - price[v] >= 0 {
                                a += 1
                                continue
                            }
                        }
                        let delta = min(excess[u], g.residual[a])
                        g.residual[a] -= delta
                        g.residual[Int(g.mate[a])] += delta
                        excess[u] -= delta
                        let before = excess[v]
                        excess[v] += delta
                        if before <= 0 && excess[v] > 0 { active.append(Int32(v)) }
                        if excess[u] == 0 { break }
                    }
                }
                a += 1
            }
            current[u] = a
            if excess[u] > 0 {
                let lowered = relabel(u)
                precondition(lowered, "a node with excess always has a residual arc back")
            }
        }
    }

    /// Whether a node has an admissible arc at or after its current arc (which moves to it).
    func hasAdmissibleArc(_ v: Int) -> Bool {
        let g = network
        let end = g.first[v + 1]
        let pv = price[v]
        var a = current[v]
        while a < end {
            if g.residual[a] > 0 && g.cost[a] + pv - price[Int(g.head[a])] < 0 {
                current[v] = a
                return true
            }
            a += 1
        }
        current[v] = end
        return false
    }

    /// Lowers the price of a node that has no admissible arc, as far as ε-optimality allows, so that its best
    /// residual arc becomes admissible. The first arc of reduced cost below ε ends the search: lowering by ε (the
    /// least any relabel lowers) makes it admissible, keeps every arc at −ε or more, and leaves the arcs before it
    /// inadmissible, so it becomes the current arc. False (and nothing changed) when the node has no residual arc.
    func relabel(_ v: Int) -> Bool {
        let g = network
        let pv = price[v]
        var least = Int.max
        for a in g.first[v]..<g.first[v + 1] where g.residual[a] > 0 {
            let reduced = g.cost[a] + pv - price[Int(g.head[a])]
            if reduced < epsilon {
                price[v] = pv - epsilon
                current[v] = a
                return true
            }
            least = min(least, reduced)
        }
        guard least != Int.max else { return false }
        price[v] = pv - least - epsilon
        current[v] = g.first[v]
        return true
    }
}
