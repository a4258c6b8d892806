import ArgumentParser
import Foundation
import KijkjeMatching

/// `allocate`: solve one instance, generate one, or (with neither) race OR-Tools on every shape.
struct Allocate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ranked allocation: --instance FILE solves one, --generate N makes one, neither races OR-Tools on every shape.")

    @Option(help: "Solve this instance and print one JSON line.") var instance: String?
    @Option(help: "Print a generated instance with this many staff.") var generate: Int?
    @Option(help: "Sessions in a generated instance (default: staff / 58).") var sessions: Int?
    @Option(help: "Ranked choices per person.") var choices = 10
    @Option(help: "Zipf exponent of the sessions' popularity in a generated instance (0 uniform, up to 1.3).") var skew = 0.0
    @Flag(help: "Skew choices to popular sessions (Zipf 1).") var zipf = false
    @Option(help: "Seed of the generated instances and of the lottery.") var seed: UInt64 = 7
    @Option(help: "Repetitions per measurement in the benchmark.") var runs = 5
    @Option(help: "Also race this many random shapes (each with --sweep-runs repetitions).") var sweep = 0
    @Option(help: "Repetitions per shape in the sweep.") var sweepRuns = 3

    func run() async throws {
        if let path = instance {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let instance = try decoder.decode(Allocation.Instance.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            let start = ContinuousClock.now
            let result = Allocation.solve(instance)
            print(try AllocationLine(result, seconds: (ContinuousClock.now - start).seconds).json())
        } else if let staff = generate {
            let shape = AllocationShape(staff: staff, sessions: sessions ?? max(1, staff / 58), choices: choices, skew: zipf ? 1 : skew)
            print(String(decoding: try JSONEncoder().encode(Allocation.Instance.generated(shape, seed: seed)), as: UTF8.self))
        } else {
            try race()
        }
    }

    func race() throws {
        var lottery = Lottery(seed: seed)
        try SolverRace(script: "ortools_allocate.py", runs: runs).report(
            "allocate: Kijkje's flow solver against OR-Tools (SimpleMaxFlow per rank + SimpleMinCostFlow)",
            cases: AllocationShape.benchmark, sweep: (0..<sweep).map { _ in .random(using: &lottery) }, sweepRuns: sweepRuns
        ) { shape, race in
            let instance = Allocation.Instance.generated(shape, seed: seed)
            return try race.run(instance) {
                let result = Allocation.solve(instance)
                return ["placed": result.assigned.count, "worst_rank": result.worstRank, "sum_squared_ranks": result.sumSquaredRanks]
            }
        }
    }
}

/// The one-line answer of `allocate --instance`.
struct AllocationLine: Encodable {
    var assigned: [String: String]
    var unassigned: [String]
    var worstRank: Int
    var sumSquaredRanks: Int
    var seconds: Double

    init(_ result: Allocation.Result, seconds: Double) {
        assigned = result.assigned
        unassigned = result.unassigned
        worstRank = result.worstRank
        sumSquaredRanks = result.sumSquaredRanks
        self.seconds = seconds
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
