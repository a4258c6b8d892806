import ArgumentParser
import Foundation
import KijkjeMatching

/// `allocate`: solve one instance, generate one, or (with neither) run the benchmark against OR-Tools.
struct Allocate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ranked allocation: --instance FILE solves one, --generate N makes one, neither runs the benchmark.")

    @Option(help: "Solve this instance and print one JSON line.") var instance: String?
    @Option(help: "Print a generated instance with this many staff.") var generate: Int?
    @Option(help: "Sessions in a generated instance (default: staff / 58).") var sessions: Int?
    @Option(help: "Ranked choices per person.") var choices = 10
    @Flag(help: "Skew choices to popular sessions (Zipf).") var zipf = false
    @Option(help: "Seed of the generated instance and of the lottery.") var seed: UInt64 = 7
    @Option(help: "Repetitions per measurement in the benchmark.") var runs = 5

    func run() async throws {
        if let path = instance {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let instance = try decoder.decode(Allocation.Instance.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            let start = ContinuousClock.now
            let result = Allocation.solve(instance)
            print(try AllocationLine(result, seconds: (ContinuousClock.now - start).seconds).json())
        } else if let staff = generate {
            let made = Allocation.Instance.generated(
                staff: staff, sessions: sessions ?? max(1, staff / 58), choices: choices, zipf: zipf, seed: seed)
            print(String(decoding: try JSONEncoder().encode(made), as: UTF8.self))
        } else {
            try AllocationBenchmark(runs: runs, seed: seed).run()
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
