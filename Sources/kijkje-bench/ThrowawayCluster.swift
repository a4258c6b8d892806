import Foundation

/// A PostgreSQL cluster for the benchmark: the given server, a throwaway one from scripts/throwaway-postgres, or a
/// throwaway Citus cluster (a coordinator and two workers) from the team's kit beside the repository.
struct ThrowawayCluster {
    let base: URLComponents
    let folder: String?
    /// The workers' ports on a Citus cluster; empty on plain PostgreSQL.
    let workers: [Int]

    init(url: String?) throws {
        if let url, let components = URLComponents(string: url) {
            base = components
            folder = nil
            workers = []
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-bench-pg-\(UUID().uuidString)").path
        let output = try runCommand(Self.script, ["start", folder])
        guard let components = URLComponents(string: output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchmarkError("scripts/throwaway-postgres did not give a URL: \(output)")
        }
        base = components
        self.folder = folder
        workers = []
    }

    /// A Citus cluster from `../shared/citus` (built by its `install.sh` if need be).
    init(citus: Void) throws {
        _ = try runCommand("/bin/bash", [Self.citusKit + "/install.sh"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-bench-citus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The servers run as the postgres user, who must reach the folder.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        let path = folder.appendingPathComponent("c").path
        let output = try runCommand("/bin/bash", [Self.citusKit + "/cluster.sh", "start", path])
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("postgres://") }),
            let components = URLComponents(string: String(line))
        else { throw BenchmarkError("cluster.sh did not give a URL: \(output)") }
        base = components
        self.folder = path
        let ports = try runCommand(
            "/usr/bin/env",
            ["psql", "-X", "-At", String(line), "-c", "SELECT nodeport FROM pg_dist_node WHERE groupid > 0 ORDER BY groupid"])
        workers = ports.split(separator: "\n").compactMap { Int($0) }
    }

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var script: String { repository.appendingPathComponent("scripts/throwaway-postgres").path }
    static var citusKit: String { repository.deletingLastPathComponent().appendingPathComponent("shared/citus").path }

    /// A new empty database named `prefix` and this process's id (dropped first if a crashed run left it), and
    /// its URL.
    func freshDatabase(_ prefix: String) throws -> (name: String, url: String) {
        let name = "\(prefix)_\(ProcessInfo.processInfo.processIdentifier)"
        for port in [nil] + workers.map(Optional.some) {
            try psql("DROP DATABASE IF EXISTS \(name)", port: port)
            try psql("CREATE DATABASE \(name)", port: port)
            if !workers.isEmpty { try psql("CREATE EXTENSION citus", port: port, database: name) }
        }
        if !workers.isEmpty {
            try psql("SELECT citus_set_coordinator_host('127.0.0.1', \(base.port ?? 5432))", database: name)
            for worker in workers { try psql("SELECT citus_add_node('127.0.0.1', \(worker))", database: name) }
        }
        return (name, url(database: name))
    }

    func url(database: String) -> String {
        var components = base
        components.path = "/" + database
        return components.string ?? ""
    }

    func stop() {
        guard let folder else { return }
        if workers.isEmpty {
            _ = try? runCommand(Self.script, ["stop", folder])
        } else {
            _ = try? runCommand("/bin/bash", [Self.citusKit + "/cluster.sh", "stop", folder])
            try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent)
        }
    }

    /// psql's and pgbench's arguments for the coordinator (or the node on `port`).
    func connection(port: Int? = nil) -> [String] {
        ["-h", base.host ?? "127.0.0.1", "-p", String(port ?? base.port ?? 5432), "-U", base.user ?? "postgres"]
    }

    var connection: [String] { connection() }

    func psql(_ statement: String, port: Int? = nil, database: String = "postgres") throws {
        _ = try runCommand(
            "/usr/bin/env", ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"] + connection(port: port) + ["-d", database, "-c", statement])
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
