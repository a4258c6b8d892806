extension Allocation.Instance {
    /// An instance like a real week, for benchmarks and reference checks: capacities of 40 to 76 places, eight
    /// half-day slots, 35 schools, and choices drawn without repeats, uniformly or Zipf-skewed to popular sessions.
    public static func generated(staff: Int, sessions: Int, choices: Int, zipf: Bool, seed: UInt64) -> Allocation.Instance {
        var lottery = Lottery(seed: seed)
        let slots = ["ma-ochtend", "ma-middag", "di-ochtend", "di-middag", "wo-ochtend", "wo-middag", "do-ochtend", "do-middag"]
        let list = (0..<sessions).map { s in
            Allocation.Session(id: "s\(s)", capacity: Int.random(in: 40...76, using: &lottery), slot: slots[s % slots.count])
        }
        var cumulative: [Double] = []
        var total = 0.0
        for k in 0..<sessions {
            total += zipf ? 1.0 / Double(k + 1) : 1.0
            cumulative.append(total)
        }
        let people = (0..<staff).map { p in
            var picked: [Int] = []
            var seen = Set<Int>()
            while picked.count < min(choices, sessions) {
                let x = Double(lottery.next() >> 11) / Double(UInt64(1) << 53) * total
                var lo = 0, hi = sessions - 1
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if cumulative[mid] < x { lo = mid + 1 } else { hi = mid }
                }
                if seen.insert(lo).inserted { picked.append(lo) }
            }
            return Allocation.Person(id: "p\(p)", choices: picked.map { "s\($0)" }, school: "t\(Int(lottery.next() % 35))")
        }
        return Allocation.Instance(sessions: list, staff: people, seed: seed)
    }
}
