import AsyncHTTPClient
import Foundation
import KijkjeTestSupport

/// The built `kijkje-hub serve`, run as its own process on a free port.
final class HubProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }

    static var binary: URL { OpenAPISpecTests.root.appendingPathComponent(".build/debug/kijkje-hub") }

    /// Starts `kijkje-hub serve` with extra arguments in `folder` and waits until it answers /ready.
    init(arguments: [String], folder: URL? = nil, environment: [String: String] = [:]) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw TestSetupError("build the hub first (swift build): \(Self.binary.path)")
        }
        port = try freePort()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--port", String(port), "--log-level", "error"] + arguments
        if let folder { process.currentDirectoryURL = folder }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "DATABASE_URL" }.merging(environment) { _, set in set }
        try process.run()
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        for _ in 0..<200 {
            if let response = try? await client.execute(HTTPClientRequest(url: "\(baseURL)/ready"), timeout: .seconds(2)),
                response.status == .ok
            {
                try await client.shutdown()
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        try await client.shutdown()
        process.terminate()
        throw TestSetupError("kijkje-hub did not become ready on port \(port)")
    }

    /// Sends SIGTERM and waits (up to 20 s) for the process to end; returns whether it ended by itself with 0.
    @discardableResult
    func stop() async throws -> Bool {
        guard process.isRunning else { return false }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { process.terminate(); return false }
        return process.terminationReason == .exit && process.terminationStatus == 0
    }
}
