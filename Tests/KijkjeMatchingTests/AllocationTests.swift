import KijkjeMatching
import Testing

@Suite("Ranked allocation")
struct AllocationTests {
    @Test("random small instances reach the brute-force lexicographic optimum", arguments: 0..<150)
    func matchesBruteForce(seed: Int) {
        Self.expectOptimum(Self.randomInstance(seed: UInt64(seed), fair: seed % 3 == 0))
    }

    /// The solver's allocation is feasible and as good as the brute force's.
    static func expectOptimum(_ instance: Allocation.Instance, _ what: String = "") {
        let result = Allocation.solve(instance)
        let best = bruteForce(instance)
        #expect(result.assigned.count == best.count, "people placed \(what)")
        #expect(result.worstRank == best.worst, "worst rank \(what)")
        #expect(result.sumSquaredRanks == best.sumSquares, "sum of squared ranks \(what)")
        #expect(isFeasible(result, instance))
    }

    @Test("the same seed gives the same allocation; every seed the same optimum")
    func seededLottery() {
        let instance = Self.randomInstance(seed: 99, fair: false, people: 40, sessions: 6)
        let first = Allocation.solve(instance)
        #expect(Allocation.solve(instance) == first)
        var other = instance
        other.seed = 100
        let second = Allocation.solve(other)
        #expect(second.worstRank == first.worstRank && second.sumSquaredRanks == first.sumSquaredRanks)
        #expect(first.explanations.map(\.lotteryNumber).sorted() == Array(1...40))
    }

    @Test("a scarce first choice goes to the lottery; each person is told why")
    func explanations() throws {
        let instance = Allocation.Instance(
            sessions: [.init(id: "robotica", capacity: 1), .init(id: "mentoraat", capacity: 5, slot: "di-ochtend")],
            staff: [
                .init(id: "anna", choices: ["robotica", "mentoraat"]),
                .init(id: "bram", choices: ["robotica", "mentoraat"]),
                .init(id: "cees", choices: ["mentoraat", "robotica"], heldSlots: ["di-ochtend"]),
            ],
            seed: 7)
        let result = Allocation.solve(instance)
        #expect(result.assigned.count == 3)
        #expect(result.assigned["cees"] == "robotica")
        #expect(Set([result.assigned["anna"], result.assigned["bram"]]) == ["mentoraat"])
        let cees = try #require(result.explanations.first { $0.person == "cees" })
        #expect(cees.choices.map(\.reason) == [.slotTaken(slot: "di-ochtend"), .assigned])
        let anna = try #require(result.explanations.first { $0.person == "anna" })
        #expect(anna.choices.map(\.reason) == [.full, .assigned])
    }

    @Test("fair share keeps one school from taking all places of a workshop")
    func fairShare() {
        let staff =
            (0..<6).map { Allocation.Person(id: "a\($0)", choices: ["s"], school: "A") }
            + (0..<2).map { Allocation.Person(id: "b\($0)", choices: ["s"], school: "B") }
        var instance = Allocation.Instance(sessions: [.init(id: "s", capacity: 4)], staff: staff, seed: 1, fairShare: true)
        let fair = Allocation.solve(instance)
        #expect(fair.assigned.keys.filter { $0.hasPrefix("b") }.count == 1)
        #expect(fair.assigned.count == 4)
        instance.fairShare = false
        #expect(Allocation.solve(instance).assigned.count == 4)
    }

    // MARK: Reference

    static func randomInstance(seed: UInt64, fair: Bool, people: Int? = nil, sessions: Int? = nil) -> Allocation.Instance {
        var lottery = Lottery(seed: seed &* 7919 &+ 13)
        let sessionCount = sessions ?? Int.random(in: 1...4, using: &lottery)
        let list = (0..<sessionCount).map {
            Allocation.Session(
                id: "s\($0)", capacity: Int.random(in: 1...2, using: &lottery),
                slot: ["am", "pm", nil].randomElement(using: &lottery)!)
        }
        let staff = (0..<(people ?? Int.random(in: 1...7, using: &lottery))).map { p in
            Allocation.Person(
                id: "p\(p)", choices: list.map(\.id).shuffled(using: &lottery).prefix(Int.random(in: 1...3, using: &lottery)).map { $0 },
                school: ["x", "y"].randomElement(using: &lottery), heldSlots: Bool.random(using: &lottery) ? ["am"] : nil)
        }
        return Allocation.Instance(sessions: list, staff: staff, seed: seed, fairShare: fair)
    }

    /// Tries every assignment and keeps the lexicographically best (count, worst rank, sum of squares).
    static func bruteForce(_ instance: Allocation.Instance) -> (count: Int, worst: Int, sumSquares: Int) {
        var best = (count: 0, worst: 0, sumSquares: 0)
        var pick = [Int](repeating: -1, count: instance.staff.count)
        func better(_ a: (count: Int, worst: Int, sumSquares: Int), than b: (count: Int, worst: Int, sumSquares: Int)) -> Bool {
            (a.count, -a.worst, -a.sumSquares) > (b.count, -b.worst, -b.sumSquares)
        }
        func visit(_ p: Int) {
            if p == instance.staff.count {
                var result = Allocation.Result(assigned: [:], unassigned: [], worstRank: 0, sumSquaredRanks: 0, explanations: [])
                var ranks: [Int] = []
                for (q, choice) in pick.enumerated() where choice >= 0 {
                    result.assigned[instance.staff[q].id] = instance.staff[q].choices[choice]
                    ranks.append(choice + 1)
                }
                guard isFeasible(result, instance) else { return }
                let score = (count: ranks.count, worst: ranks.max() ?? 0, sumSquares: ranks.reduce(0) { $0 + $1 * $1 })
                if better(score, than: best) { best = score }
                return
            }
            for choice in -1..<instance.staff[p].choices.count {
                pick[p] = choice
                visit(p + 1)
            }
        }
        visit(0)
        return best
    }

    /// Capacities, held slots and fair shares are respected.
    static func isFeasible(_ result: Allocation.Result, _ instance: Allocation.Instance) -> Bool {
        var load: [String: Int] = [:]
        var schoolLoad: [String: Int] = [:]
        var applicants: [String: [String: Int]] = [:]
        for person in instance.staff {
            var seen = Set<String>()
            for id in person.choices where seen.insert(id).inserted {
                guard let session = instance.sessions.first(where: { $0.id == id }) else { continue }
                if let slot = session.slot, (person.heldSlots ?? []).contains(slot) { continue }
                applicants[id, default: [:]][person.school ?? "", default: 0] += 1
            }
        }
        for person in instance.staff {
            guard let id = result.assigned[person.id] else { continue }
            guard let session = instance.sessions.first(where: { $0.id == id }) else { return false }
            if let slot = session.slot, (person.heldSlots ?? []).contains(slot) { return false }
            load[id, default: 0] += 1
            if load[id]! > session.capacity { return false }
            if instance.fairShare == true {
                let key = "\(id)|\(person.school ?? "")"
                schoolLoad[key, default: 0] += 1
                let total = applicants[id]!.values.reduce(0, +)
                let share = (session.capacity * applicants[id]![person.school ?? ""]! + total - 1) / total
                if schoolLoad[key]! > share { return false }
            }
        }
        return true
    }
}
