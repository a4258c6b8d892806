extension ResidualNetwork {
    /// Augments the present flow from `source` to `sink` by up to `limit` units over arcs of tier at most
    /// `maxTier`, and returns how much it added. Costs play no part. Called again with a higher tier it goes on
    /// from the flow it has, so the allocation finds the most people placed and the best worst rank in one
    /// maximum flow.
    ///
    /// Dinic's method with the levels counted back from the sink: the breadth-first search runs over residual
    /// arcs backwards and stops as soon as it reaches the source, so nodes that cannot reach the sink (people
    /// who cannot be placed) are never visited; blocking flows then follow arcs one level closer to the sink,
    /// with current-arc pointers.
    func augment(from source: Int, to sink: Int, limit: Int = .max, maxTier: Int32 = .max) -> Int {
        let n = nodeCount
        var total = 0
        let level = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let queue = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let current = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
        var path: [Int] = []
        defer {
            level.deallocate()
            queue.deallocate()
            current.deallocate()
        }
        while total < limit {
            guard levels(from: source, to: sink, maxTier: maxTier, level, queue) else { break }
            for v in 0..<n { current[v] = first[v] }
            var u = source
            path.removeAll(keepingCapacity: true)
            while total < limit {
                if u == sink {
                    var bottleneck = limit - total
                    for a in path { bottleneck = min(bottleneck, residual[a]) }
                    var back = path.count
                    for (k, a) in path.enumerated() {
                        residual[a] -= bottleneck
                        residual[Int(mate[a])] += bottleneck
                        if residual[a] == 0 && back == path.count { back = k }
                    }
                    total += bottleneck
                    // Go back to the tail of the first arc the augmentation filled.
                    path.removeSubrange(back...)
                    u = path.last.map { Int(head[$0]) } ?? source
                    continue
                }
                let end = first[u + 1]
                let next = level[u] - 1
                var a = current[u]
                while a < end {
                    if residual[a] > 0, level[Int(head[a])] == next, tier[a] <= maxTier { break }
                    a += 1
                }
                current[u] = a
                if a < end {
                    path.append(a)
                    u = Int(head[a])
                    continue
                }
                // Dead end: nothing reaches the sink from u at this level.
                level[u] = -1
                guard let last = path.popLast() else { break }
                u = Int(head[Int(mate[last])])
                current[u] += 1
            }
        }
        return total
    }

    /// Each node's distance to the sink over residual arcs, by breadth-first search backwards from the sink,
    /// stopped when the source is reached; false when it cannot be.
    private func levels(
        from source: Int, to sink: Int, maxTier: Int32, _ level: UnsafeMutableBufferPointer<Int32>,
        _ queue: UnsafeMutableBufferPointer<Int32>
    ) -> Bool {
        level.update(repeating: -1)
        level[sink] = 0
        queue[0] = Int32(sink)
        var read = 0, write = 1
        while read < write {
            let w = Int(queue[read])
            read += 1
            let next = level[w] + 1
            for b in first[w]..<first[w + 1] {
                let v = Int(head[b])
                guard level[v] < 0 else { continue }
                let a = Int(mate[b])
                guard residual[a] > 0, tier[a] <= maxTier else { continue }
                level[v] = next
                if v == source { return true }
                queue[write] = Int32(v)
                write += 1
            }
        }
        return false
    }
}
