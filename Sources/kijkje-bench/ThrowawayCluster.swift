import Foundation

/// A PostgreSQL cluster for the benchmark: the given server, or a throwaway one from scripts/throwaway-postgres.
struct ThrowawayCluster {
    let base: URLComponents
    let folder: String?

    init(url: String?) throws {
        if let url, let components = URLComponents(string: url) {
            base = components
            folder = nil
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-bench-pg-\(UUID().uuidString)").path
        let output = try runCommand(Self.script, ["start", folder])
        guard let components = URLComponents(string: output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchmarkError("scripts/throwaway-postgres did not give a URL: \(output)")
        }
        base = components
        self.folder = folder
    }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/throwaway-postgres").path
    }

    /// A new empty database named `prefix` and this process's id (dropped first if a crashed run left it), and
    /// its URL.
    func freshDatabase(_ prefix: String) throws -> (name: String, url: String) {
        let name = "\(prefix)_\(ProcessInfo.processInfo.processIdentifier)"
        try psql("DROP DATABASE IF EXISTS \(name)")
        try psql("CREATE DATABASE \(name)")
        return (name, url(database: name))
    }

    func url(database: String) -> String {
        var components = base
        components.path = "/" + database
        return components.string ?? ""
    }

    func stop() {
        if let folder { _ = try? runCommand(Self.script, ["stop", folder]) }
    }

    var connection: [String] {
        ["-h", base.host ?? "127.0.0.1", "-p", String(base.port ?? 5432), "-U", base.user ?? "postgres"]
    }

    func psql(_ statement: String) throws {
        _ = try runCommand("/usr/bin/env", ["psql", "-q", "-v", "ON_ERROR_STOP=1"] + connection + ["-d", "postgres", "-c", statement])
    }

    func pgbench(_ arguments: [String]) throws {
        _ = try runCommand("/usr/bin/env", ["pgbench"] + connection + arguments)
    }

    /// Runs pgbench and reads its "tps = N (without initial connection time)" line.
    func pgbenchTPS(_ arguments: [String]) throws -> Double {
        let output = try runCommand("/usr/bin/env", ["pgbench"] + connection + arguments)
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
            let value = Double(line.dropFirst(6).prefix(while: { $0.isNumber || $0 == "." }))
        else { throw BenchmarkError("pgbench printed no tps line: \(output)") }
        return value
    }
}
