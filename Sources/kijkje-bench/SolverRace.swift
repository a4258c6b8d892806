import Foundation
import KijkjeMatching
import KijkjeTestSupport

/// Kijkje's solver against an OR-Tools script on the same instance file, side by side in one run: medians of
/// both, their ratio, and a check that both reach the same optimum (the keys of the script's JSON line).
struct SolverRace {
    /// The reference script in the repository's bench folder.
    let script: String
    let runs: Int

    struct Outcome {
        var ours: Double
        var theirs: Double
        var optimum: [String: Int]
        var reference: [String: Int]
        var ratio: Double { ours / theirs }
        var same: Bool { optimum == reference }
    }

    init(script: String, runs: Int) {
        self.script = script
        self.runs = runs
    }

    /// The reference script `name` in the repository's bench folder.
    init(bench name: String, runs: Int) {
        let here = URL(fileURLWithPath: #filePath)
        script =
            here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("bench/\(name)").path
        self.runs = runs
    }

    /// Runs ours (which returns its optimum under the script's keys) and the script `runs` times, alternating.
    func run(_ instance: some Encodable, ours: () -> [String: Int]) throws -> Outcome {
        var mine: [Double] = [], theirs: [Double] = []
        var optimum: [String: Int] = [:], reference: [String: Int] = [:]
        for _ in 0..<max(1, runs) {
            let start = ContinuousClock.now
            optimum = ours()
            mine.append((ContinuousClock.now - start).seconds)
            let answer = try ORToolsReference.answer(script, for: instance)
            theirs.append(answer["seconds"] as? Double ?? .nan)
            reference = optimum.keys.reduce(into: [:]) { $0[$1] = answer[$1] as? Int ?? -1 }
        }
        return Outcome(ours: median(mine), theirs: median(theirs), optimum: optimum, reference: reference)
    }

    /// Races named cases, then `sweep` random shapes (`sweepRuns` runs each), printing a line each and a summary
    /// of the sweep's ratios; throws when any optimum differs.
    func report<Shape: CustomStringConvertible>(
        _ title: String, cases: [Shape], sweep: [Shape], sweepRuns: Int, solve: (Shape, SolverRace) throws -> Outcome
    ) throws {
        say("\(title), \(runs) runs each, medians (OR-Tools timed inside Python: building and solving, not reading)")
        var failures: [String] = []
        for shape in cases {
            let outcome = try solve(shape, self)
            say(line(shape, outcome))
            if !outcome.same { failures.append(shape.description) }
        }
        guard !sweep.isEmpty else { return try check(failures) }
        say("sweep of \(sweep.count) random shapes, \(sweepRuns) runs each:")
        var ratios: [Double] = []
        let quick = SolverRace(script: script, runs: sweepRuns)
        for shape in sweep {
            let outcome = try solve(shape, quick)
            say(line(shape, outcome))
            ratios.append(outcome.ratio)
            if !outcome.same { failures.append(shape.description) }
        }
        say(
            """
            sweep: ratio kijkje/or-tools median \(String(format: "%.2f", median(ratios))), worst \
            \(String(format: "%.2f", ratios.max() ?? .nan)); above 1.0: \(ratios.filter { $0 > 1 }.count), \
            above 2.0: \(ratios.filter { $0 > 2 }.count)
            """)
        try check(failures)
    }

    func line(_ shape: some CustomStringConvertible, _ outcome: Outcome) -> String {
        let optimum = outcome.optimum.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return """
              \(shape): \(optimum)
                kijkje \(String(format: "%.3f", outcome.ours)) s, or-tools \(String(format: "%.3f", outcome.theirs)) s, \
            ratio \(String(format: "%.2f", outcome.ratio)), same optimum: \(outcome.same ? "yes" : "NO \(outcome.reference)")
            """
    }

    func check(_ failures: [String]) throws {
        if !failures.isEmpty { throw BenchmarkError("the optimum differs from OR-Tools on: \(failures.joined(separator: "; "))") }
    }
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
