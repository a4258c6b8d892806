import Foundation
import KijkjeMatching

/// Our solver against OR-Tools on the same generated instances, side by side in one run: medians, ratio,
/// and a check that both reach the same optimum (people placed, worst rank, sum of squared ranks).
struct AllocationBenchmark {
    let runs: Int
    let seed: UInt64

    struct Case { var name: String; var staff: Int; var sessions: Int; var zipf: Bool; var runs: Int }

    func run() throws {
        let cases = [
            Case(name: "7000 staff x 120 sessions x 10, uniform", staff: 7000, sessions: 120, zipf: false, runs: runs),
            Case(name: "7000 staff x 120 sessions x 10, zipf", staff: 7000, sessions: 120, zipf: true, runs: runs),
            Case(name: "100000 staff x 1200 sessions x 10, uniform", staff: 100_000, sessions: 1200, zipf: false, runs: max(1, runs / 2)),
        ]
        let script = Self.referenceScript()
        say("allocate: Kijkje's min-cost flow against OR-Tools (SimpleMaxFlow + SimpleMinCostFlow), \(runs) runs, medians")
        for c in cases {
            let instance = Allocation.Instance.generated(staff: c.staff, sessions: c.sessions, choices: 10, zipf: c.zipf, seed: seed)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-allocate-\(UUID().uuidString).json")
            try JSONEncoder().encode(instance).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            var ours: [Double] = [], theirs: [Double] = []
            var result: Allocation.Result?
            var reference: [String: Any] = [:]
            for _ in 0..<c.runs {
                let start = ContinuousClock.now
                result = Allocation.solve(instance)
                ours.append((ContinuousClock.now - start).seconds)
                reference = try Self.runReference(script, file)
                theirs.append(reference["seconds"] as? Double ?? .nan)
            }
            guard let result else { continue }
            let same =
                result.assigned.count == reference["placed"] as? Int
                && result.worstRank == reference["worst_rank"] as? Int
                && result.sumSquaredRanks == reference["sum_squared_ranks"] as? Int
            say(
                """
                  \(c.name): placed \(result.assigned.count), worst rank \(result.worstRank), sum of squared ranks \(result.sumSquaredRanks)
                    kijkje   median \(Self.format(median(ours))) s
                    or-tools median \(Self.format(median(theirs))) s  (placed \(reference["placed"] ?? "?"), worst \
                \(reference["worst_rank"] ?? "?"), sum \(reference["sum_squared_ranks"] ?? "?"))
                    ratio kijkje/or-tools \(String(format: "%.2f", median(ours) / median(theirs)))  same optimum: \(same ? "yes" : "NO")
                """)
            if !same { throw BenchmarkError("the optimum differs from OR-Tools on \(c.name)") }
        }
    }

    static func referenceScript() -> String {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("bench/ortools_allocate.py").path
    }

    /// Runs a reference script on an instance file and reads the JSON line it prints last.
    static func runReference(_ script: String, _ file: URL) throws -> [String: Any] {
        let output = try runCommand("/usr/bin/env", ["python3", script, file.path])
        guard let line = output.split(separator: "\n").last,
            let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else { throw BenchmarkError("OR-Tools did not answer (pip install ortools numpy): \(output)") }
        return json
    }

    static func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
