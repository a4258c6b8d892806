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
            let instance = try JSONDecoder().decode(Allocation.Instance.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            let start = ContinuousClock.now
            let result = Allocation.solve(instance)
            print(try AllocationLine(result, seconds: (ContinuousClock.now - start).seconds).json())
        } else if let staff = generate {
            let made = InstanceGenerator.make(staff: staff, sessions: sessions ?? max(1, staff / 58), choices: choices, zipf: zipf, seed: seed)
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

/// Instances like a real week: capacities around 58 places, 35 schools, choices uniform or Zipf-skewed.
enum InstanceGenerator {
    static func make(staff: Int, sessions: Int, choices: Int, zipf: Bool, seed: UInt64) -> Allocation.Instance {
        var lottery = Lottery(seed: seed)
        let slots = ["ma-ochtend", "ma-middag", "di-ochtend", "di-middag", "wo-ochtend", "wo-middag", "do-ochtend", "do-middag"]
        let list = (0..<sessions).map { s in
            Allocation.Session(id: "s\(s)", capacity: Int.random(in: 40...76, using: &lottery), slot: slots[s % slots.count])
        }
        // Zipf weights 1/(k+1) over sessions; uniform weights otherwise. Drawn without replacement.
        let weights = (0..<sessions).map { zipf ? 1.0 / Double($0 + 1) : 1.0 }
        var cumulative: [Double] = []
        var total = 0.0
        for w in weights { total += w; cumulative.append(total) }
        let people = (0..<staff).map { p in
            var picked: [Int] = []
            var seen = Set<Int>()
            while picked.count < min(choices, sessions) {
                let x = Double(lottery.next() >> 11) / Double(1 << 53) * total
                var lo = 0, hi = sessions - 1
                while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] < x { lo = mid + 1 } else { hi = mid } }
                if seen.insert(lo).inserted { picked.append(lo) }
            }
            return Allocation.Person(id: "p\(p)", choices: picked.map { "s\($0)" }, school: "t\(Int(lottery.next() % 35))")
        }
        return Allocation.Instance(sessions: list, staff: people, seed: seed)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
