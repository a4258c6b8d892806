import Foundation
import KijkjeFuzzTargets
import Testing

/// Every saved fuzz input (the seed corpora and each crash a fuzzing run found, `Tests/Fuzz/corpus/<target>/`) runs
/// through its target without a sanitizer: a crash found once stays fixed.
@Suite("Fuzz corpus")
struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    @Test("every saved input runs through its target", arguments: FuzzTarget.allCases)
    func replay(target: FuzzTarget) throws {
        let folder = Self.corpus.appendingPathComponent(target.rawValue)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(!files.isEmpty, "a seed input for \(target.rawValue)")
        for file in files { target.run(try Data(contentsOf: folder.appendingPathComponent(file))) }
    }
}
