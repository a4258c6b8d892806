import Foundation
import Hub
import HubStore
import KijkjeDomain
import KijkjeTestSupport

/// The chaos run's network: member schools and an open edition, made through the operations.
struct ChaosWorld: Sendable {
    let store: SQLHubStore
    let network: UUID
    let edition: Edition
    let schools: [Tenant]

    static func make(store: SQLHubStore, schools count: Int) async throws -> ChaosWorld {
        let now = Date().roundedToMillis
        let operations = Operations(store: store)
        let network = try await BenchNetwork.make(operations, name: "Chaos", schools: count, at: now)
        let organiser = network.organiser
        let edition = try await operations.addEdition(
            EditionDraft(
                year: 2026, days: ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"].compactMap(Day.init),
                registrationOpensAt: now.addingTimeInterval(-86_400), registrationClosesAt: now.addingTimeInterval(30 * 86_400),
                allocationMode: "fcfs", claimWindowHours: 24, matchingDeadline: now.addingTimeInterval(40 * 86_400),
                limits: .init(maxPerDay: 20, maxPerEdition: 40, travelSpeedKmh: 200, minimumGapMinutes: 0)), by: organiser, at: now)
        return ChaosWorld(store: store, network: network.id, edition: edition, schools: network.schools)
    }

    /// A single-use code for a school's agent.
    func invitation(for school: Tenant) async throws -> String {
        try await Operations(store: store).issueInvitation(
            tenantId: school.id, validDays: 1, by: Organiser(networkId: network), at: Date().roundedToMillis
        ).code
    }
}

/// Two (or more) `kijkje-hub serve` processes on one database, each on its own port, killed and restarted at will.
final class ChaosHubs: @unchecked Sendable {
    let ports: [Int]
    private let databaseURL: String
    private let folder: URL
    private var processes: [Process?]

    init(databaseURL: String, count: Int) throws {
        self.databaseURL = databaseURL
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-chaos-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var ports: [Int] = []
        while ports.count < count {
            let port = try freePort()
            if !ports.contains(port) { ports.append(port) }
        }
        self.ports = ports
        processes = Array(repeating: nil, count: count)
        for index in 0..<count { try start(index) }
    }

    static var binary: URL { Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("kijkje-hub") }

    func start(_ index: Int) throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = [
            "serve", "--database", databaseURL, "--port", "\(ports[index])", "--data-dir", folder.appendingPathComponent("\(index)").path,
            "--log-level", "critical",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        processes[index] = process
        try waitUntilServing(ports[index])
    }

    /// Kills a hub with SIGKILL, mid-whatever, and starts it again on its port.
    func killAndRestart(_ index: Int) throws {
        if let process = processes[index] {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try start(index)
    }

    func stopAll() {
        for process in processes.compactMap({ $0 }) where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    private func waitUntilServing(_ port: Int) throws {
        for _ in 0..<300 {
            if (try? runCommand("/usr/bin/env", ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:\(port)/ready"])) != nil { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw BenchmarkError("a hub process did not get ready on port \(port)")
    }
}
