import KijkjeMatching
import Testing

/// The solvers on instances of every shape the generators make (popularity from uniform to Zipf 1.3, days per
/// offer 1–4, options limited to days the offer may not have, capacities 1–3, pins, forbidden pairs, held
/// slots, fair share): the brute-force optimum on small ones, and the same result for the same seed.
@Suite("Solvers on every shape")
struct SolverShapeTests {
    static let skews = [0, 0.5, 0.9, 1.3]

    @Test("allocation: small instances of every shape reach the brute-force optimum", arguments: 0..<160)
    func allocationBruteForce(seed: Int) {
        var lottery = Lottery(seed: UInt64(seed) &* 31 &+ 5)
        let shape = AllocationShape(
            staff: Int.random(in: 1...7, using: &lottery), sessions: Int.random(in: 1...4, using: &lottery),
            choices: Int.random(in: 1...3, using: &lottery), skew: Self.skews[seed % 4],
            capacity: 1...Int.random(in: 1...3, using: &lottery),
            held: seed % 3 == 0 ? 0.4 : 0, fairShare: seed % 5 < 2)
        AllocationTests.expectOptimum(Allocation.Instance.generated(shape, seed: UInt64(seed)), "\(shape)")
    }

    @Test("matching: small instances of every shape reach the brute-force optimum", arguments: 0..<160)
    func matchingBruteForce(seed: Int) {
        var lottery = Lottery(seed: UInt64(seed) &* 17 &+ 9)
        let low = Int.random(in: 1...4, using: &lottery)
        let shape = MatchingShape(
            requests: Int.random(in: 1...5, using: &lottery), offers: Int.random(in: 1...3, using: &lottery),
            options: Int.random(in: 1...3, using: &lottery), skew: Self.skews[seed % 4],
            days: low...Int.random(in: low...4, using: &lottery),
            capacity: 1...Int.random(in: 1...3, using: &lottery), limited: [0, 0.5, 1][seed % 3], pinned: seed % 4 == 1 ? 0.3 : 0,
            forbidden: seed % 4 == 2 ? 0.3 : 0)
        let instance = ShadowMatching.Instance.generated(shape, seed: UInt64(seed))
        let result = ShadowMatching.solve(instance)
        let best = ShadowMatchingTests.bruteForce(instance)
        #expect(result.pairs.count == best.count, "matched, \(shape)")
        #expect(result.totalScore == best.score, "total score, \(shape)")
        #expect(ShadowMatchingTests.isFeasible(result.pairs.filter { !$0.fixed }, instance))
        let forbidden = Set((instance.forbidden ?? []).map { "\($0.request)|\($0.offer)" })
        #expect(!result.pairs.contains { !$0.fixed && forbidden.contains("\($0.request)|\($0.offer)") })
    }

    @Test("the same seed gives the same instance and the same result, on every shape")
    func sameSeedSameResult() {
        var lottery = Lottery(seed: 2026)
        for _ in 0..<6 {
            let allocation = AllocationShape.random(using: &lottery, largest: 2000)
            let first = Allocation.Instance.generated(allocation, seed: 5)
            #expect(Allocation.Instance.generated(allocation, seed: 5) == first)
            #expect(Allocation.solve(first) == Allocation.solve(first))
            let matching = MatchingShape.random(using: &lottery, largest: 2000)
            let instance = ShadowMatching.Instance.generated(matching, seed: 5)
            #expect(ShadowMatching.Instance.generated(matching, seed: 5) == instance)
            #expect(ShadowMatching.solve(instance) == ShadowMatching.solve(instance))
        }
    }
}
