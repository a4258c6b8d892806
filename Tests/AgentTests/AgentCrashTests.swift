import Agent
import Foundation
import HubStore
import KijkjeDomain
import KijkjeSync
import KijkjeTestSupport
import Testing

@Suite("Agent crashes")
struct AgentCrashTests {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    static var binary: URL { root.appendingPathComponent(".build/debug/kijkje-agent") }

    /// Runs `kijkje-agent sync` in `folder`; kills it with SIGKILL after `killAfter` unless nil. Returns its exit status.
    static func sync(_ folder: URL, killAfter: Duration?) async throws -> Int32 {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["sync", "--dir", folder.path, "--page-size", "40"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let killAfter {
            try await Task.sleep(for: killAfter)
            kill(process.processIdentifier, SIGKILL)
        }
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        return process.terminationStatus
    }

    @Test(
        "an agent killed with SIGKILL at random points of push and pull converges, nothing lost or doubled",
        arguments: StoreKind.allCases)
    func killedAgentConverges(kind: StoreKind) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw TestSetupError("build the agent first (swift build): \(Self.binary.path)")
        }
        try await withSyncWorld(kind) { world in
            // Much to pull: another school's catalogue; much to push: a term's worth of local changes.
            for i in 0..<600 {
                try await world.store.addSession(
                    world.organiserSession(world.memberB, title: "B \(i)", visibility: .network, day: i % 4),
                    in: world.networkId, at: Date())
            }
            let folder = try await world.joinAgent(world.memberA)
            let admin = SchoolAdmin(school: world.memberA.id, replica: try folder.replica())
            let start = Fixture.time("2026-11-19T09:00:00Z")
            var added: [UUID] = []
            for i in 0..<250 {
                added.append(
                    try admin.putWorkshop(
                        SessionDraft(
                            editionId: world.edition.id, tenantId: nil, title: "A \(i)", location: "Lokaal \(i)",
                            startsAt: start, endsAt: start.addingTimeInterval(3600), capacity: 3, visibility: "network")))
            }
            var kills = 0
            for round in 0..<14 {
                // Later rounds kill later, so both the push and the long pull are cut at many points.
                let status = try await Self.sync(folder.path, killAfter: .milliseconds(Int.random(in: 20...(150 + round * 60))))
                if status == 0 { break }
                kills += 1
            }
            #expect(try await Self.sync(folder.path, killAfter: nil) == 0)
            let replica = try folder.replica()
            #expect(try replica.integrityCheck() == "ok")
            let outbox = try replica.outbox()
            #expect(outbox.count == 250 && outbox.allSatisfy { $0.result?.status == .applied })
            let atHub = try await world.store.sessions(editionId: world.edition.id, in: world.networkId).filter {
                $0.tenantId == world.memberA.id
            }
            #expect(Set(atHub.map(\.id)) == Set(added))
            let recorded = try await world.store.mutationResults(credentialId: folder.settings.credentialId, after: 0)
            #expect(recorded.last == 250 && recorded.results.count == 250)
            #expect(try replica.visibleRows() == (try await world.visible(to: world.memberA)))
            #expect(kills > 0, "no run was cut short; the test proved nothing")
        }
    }
}
