import Foundation
import KijkjeMatching
import Testing

/// The allocation reaches the same optimum as OR-Tools (bench/ortools_allocate.py) on generated instances of
/// 1,000 to 20,000 staff. The test command installs ortools from PyPI.
@Suite("Ranked allocation against OR-Tools")
struct ORToolsReferenceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(
        "the same number placed, worst rank and sum of squared ranks as OR-Tools",
        arguments: [(1000, 17, false), (1000, 17, true), (5000, 86, true), (20000, 345, false), (20000, 300, true)])
    func sameOptimum(staff: Int, sessions: Int, zipf: Bool) throws {
        let instance = Allocation.Instance.generated(
            staff: staff, sessions: sessions, choices: 10, zipf: zipf, seed: UInt64(staff + sessions))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-ortools-\(UUID().uuidString).json")
        try JSONEncoder().encode(instance).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let ours = Allocation.solve(instance)

        let reference = try Self.reference("bench/ortools_allocate.py", file)
        #expect(ours.assigned.count == reference["placed"] as? Int)
        #expect(ours.worstRank == reference["worst_rank"] as? Int)
        #expect(ours.sumSquaredRanks == reference["sum_squared_ranks"] as? Int)
    }

    @Test("shadow matching: the same number matched and total score as OR-Tools", arguments: [(1000, 500), (6000, 3000)])
    func sameMatchingOptimum(requests: Int, offers: Int) throws {
        let instance = ShadowMatching.Instance.generated(requests: requests, offers: offers, seed: UInt64(requests))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-ortools-\(UUID().uuidString).json")
        try JSONEncoder().encode(instance).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let ours = ShadowMatching.solve(instance)
        let reference = try Self.reference("bench/ortools_match.py", file)
        #expect(ours.pairs.count == reference["matched"] as? Int)
        #expect(ours.totalScore == reference["total_score"] as? Int)
    }

    /// Runs a reference script on an instance file and returns its JSON line.
    static func reference(_ script: String, _ file: URL) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent(script).path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "OR-Tools must be installed (scripts/test installs it)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
