import ArgumentParser
import Foundation
import KijkjeMatching

/// `match`: solve one shadow-matching instance, generate one, or (with neither) race OR-Tools on every shape.
struct Match: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Shadow matching: --instance FILE solves one, --generate N makes one, neither races OR-Tools on every shape.")

    @Option(help: "Solve this instance and print one JSON line.") var instance: String?
    @Option(help: "Print a generated instance with this many requests.") var generate: Int?
    @Option(help: "Offers in a generated instance (default: half the requests).") var offers: Int?
    @Option(help: "Zipf exponent of the hosts' popularity in a generated instance (0 uniform, up to 1.3).") var skew = 0.0
    @Option(help: "Share of options limited to some days in a generated instance.") var limited = 0.0
    @Option(help: "Seed of the generated instances.") var seed: UInt64 = 11
    @Option(help: "Repetitions per measurement in the benchmark.") var runs = 5
    @Option(help: "Also race this many random shapes (each with --sweep-runs repetitions).") var sweep = 0
    @Option(help: "Repetitions per shape in the sweep.") var sweepRuns = 3

    struct Line: Encodable { var matched: Int; var totalScore: Int; var seconds: Double }

    func run() async throws {
        if let path = instance {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let instance = try decoder.decode(ShadowMatching.Instance.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            let start = ContinuousClock.now
            let result = ShadowMatching.solve(instance)
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = .sortedKeys
            let line = Line(matched: result.pairs.count, totalScore: result.totalScore, seconds: (ContinuousClock.now - start).seconds)
            say(String(decoding: try encoder.encode(line), as: UTF8.self))
        } else if let requests = generate {
            let shape = MatchingShape(requests: requests, offers: offers ?? max(1, requests / 2), skew: skew, limited: limited)
            say(String(decoding: try JSONEncoder().encode(ShadowMatching.Instance.generated(shape, seed: seed)), as: UTF8.self))
        } else {
            try race()
        }
    }

    func race() throws {
        var lottery = Lottery(seed: seed)
        try SolverRace(script: "ortools_match.py", runs: runs).report(
            "match: Kijkje's flow solver against OR-Tools (SimpleMinCostFlow)", cases: MatchingShape.benchmark,
            sweep: (0..<sweep).map { _ in .random(using: &lottery) }, sweepRuns: sweepRuns
        ) { shape, race in
            let instance = ShadowMatching.Instance.generated(shape, seed: seed)
            return try race.run(instance) {
                let result = ShadowMatching.solve(instance)
                return ["matched": result.pairs.count, "total_score": result.totalScore]
            }
        }
    }
}
