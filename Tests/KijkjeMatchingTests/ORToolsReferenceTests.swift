import Foundation
import KijkjeMatching
import KijkjeTestSupport
import Testing

/// The allocation and the shadow matching reach the same optimum as OR-Tools (bench/ortools_allocate.py,
/// bench/ortools_match.py) on mid-size generated instances of every shape. The test command installs ortools
/// from PyPI.
@Suite("Ranked allocation against OR-Tools")
struct ORToolsReferenceTests {
    /// Mid-size instances of every shape of the benchmarks, and one more each.
    static let allocationShapes =
        AllocationShape.benchmark.map { $0.scaled(by: 0.4) }
        + [AllocationShape(staff: 2000, sessions: 90, choices: 4, skew: 0.9, capacity: 1...8, held: 0.3)]
    static let matchingShapes =
        MatchingShape.benchmark.map { $0.scaled(by: 0.2) }
        + [MatchingShape(requests: 6000, offers: 3000, options: 3, days: 4...4, capacity: 3...3, limited: 0.9)]

    @Test("allocation: the same number placed, worst rank and sum of squared ranks as OR-Tools", arguments: allocationShapes)
    func sameOptimum(shape: AllocationShape) throws {
        let instance = Allocation.Instance.generated(shape, seed: UInt64(shape.staff + shape.sessions))
        let ours = Allocation.solve(instance)
        let reference = try ORToolsReference.answer("ortools_allocate.py", for: instance)
        #expect(ours.assigned.count == reference["placed"] as? Int)
        #expect(ours.worstRank == reference["worst_rank"] as? Int)
        #expect(ours.sumSquaredRanks == reference["sum_squared_ranks"] as? Int)
    }

    @Test("shadow matching: the same number matched and total score as OR-Tools", arguments: matchingShapes)
    func sameMatchingOptimum(shape: MatchingShape) throws {
        let instance = ShadowMatching.Instance.generated(shape, seed: UInt64(shape.requests))
        let ours = ShadowMatching.solve(instance)
        let reference = try ORToolsReference.answer("ortools_match.py", for: instance)
        #expect(ours.pairs.count == reference["matched"] as? Int)
        #expect(ours.totalScore == reference["total_score"] as? Int)
    }
}
