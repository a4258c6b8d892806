import ArgumentParser
import Foundation
import KijkjeMatching

/// `match`: solve one shadow-matching instance, generate one, or (with neither) run the benchmark against OR-Tools.
struct Match: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Shadow matching: --instance FILE solves one, --generate N makes one, neither runs the benchmark.")

    @Option(help: "Solve this instance and print one JSON line.") var instance: String?
    @Option(help: "Print a generated instance with this many requests (and half as many offers).") var generate: Int?
    @Option(help: "Seed of the generated instance.") var seed: UInt64 = 11
    @Option(help: "Repetitions per measurement in the benchmark.") var runs = 5

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
            say(
                String(
                    decoding: try encoder.encode(
                        Line(
                            matched: result.pairs.count, totalScore: result.totalScore,
                            seconds: (ContinuousClock.now - start).seconds)), as: UTF8.self))
        } else if let requests = generate {
            let made = ShadowMatching.Instance.generated(requests: requests, offers: max(1, requests / 2), seed: seed)
            say(String(decoding: try JSONEncoder().encode(made), as: UTF8.self))
        } else {
            try benchmark()
        }
    }

    /// 10,000 requests x 5,000 offers, sparse: ours against OR-Tools on the same file, medians, same optimum.
    func benchmark() throws {
        let instance = ShadowMatching.Instance.generated(requests: 10_000, offers: 5_000, seed: seed)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-match-\(UUID().uuidString).json")
        try JSONEncoder().encode(instance).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = AllocationBenchmark.referenceScript().replacingOccurrences(of: "ortools_allocate.py", with: "ortools_match.py")
        var ours: [Double] = [], theirs: [Double] = []
        var result: ShadowMatching.Result?
        var reference: [String: Any] = [:]
        for _ in 0..<runs {
            let start = ContinuousClock.now
            result = ShadowMatching.solve(instance)
            ours.append((ContinuousClock.now - start).seconds)
            reference = try AllocationBenchmark.runReference(script, file)
            theirs.append(reference["seconds"] as? Double ?? .nan)
        }
        guard let result else { return }
        let same = result.pairs.count == reference["matched"] as? Int && result.totalScore == reference["total_score"] as? Int
        say(
            """
            match: 10000 requests x 5000 offers, 8 compatible offers a request, \(runs) runs, medians
              matched \(result.pairs.count), total score \(result.totalScore)
              kijkje   median \(AllocationBenchmark.format(median(ours))) s
              or-tools median \(AllocationBenchmark.format(median(theirs))) s  (matched \(reference["matched"] ?? "?"), total \
            score \(reference["total_score"] ?? "?"))
              ratio kijkje/or-tools \(String(format: "%.2f", median(ours) / median(theirs)))  same optimum: \(same ? "yes" : "NO")
            """)
        if !same { throw BenchmarkError("the optimum differs from OR-Tools") }
    }
}
