import Foundation

/// The OR-Tools references in `bench/` (`ortools_allocate.py`, `ortools_match.py`), which the solver tests and the
/// solver benchmarks both compare against.
public enum ORToolsReference {
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes the instance to a file, runs the script on it and returns the JSON line it prints last.
    public static func answer(_ script: String, for instance: some Encodable) throws -> [String: Any] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-ortools-\(UUID().uuidString).json")
        try JSONEncoder().encode(instance).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try python([repositoryRoot.appendingPathComponent("bench/\(script)").path, file.path])
        guard run.status == 0, let line = run.output.split(separator: "\n").last,
            let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else { throw Missing(description: "OR-Tools did not answer (pip install ortools numpy): \(run.output)") }
        return json
    }
}
