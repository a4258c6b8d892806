import Agent
import Foundation
import HubStore
import KijkjeDomain
import KijkjeSync
import KijkjeTestSupport
import Testing

@Suite("Sync protocol")
struct SyncProtocolTests {
    static func workshop(_ world: SyncWorld, _ title: String, visibility: String = "network") -> SessionDraft {
        let start = Fixture.time("2026-11-18T09:00:00Z")
        return SessionDraft(
            editionId: world.edition.id, tenantId: nil, title: title, location: "Aula", startsAt: start,
            endsAt: start.addingTimeInterval(3600), capacity: 4, visibility: visibility)
    }

    @Test(
        "a replayed push gets the recorded result and applies nothing again; a gap and a reused id are refused",
        arguments: StoreKind.allCases)
    func replaysAndGaps(kind: StoreKind) async throws {
        try await withSyncWorld(kind) { world in
            let folder = try await world.joinAgent(world.memberA)
            let client = try folder.client()
            defer { Task { try? await client.shutdown() } }
            let first = Mutation(id: 1, change: .putSession(id: UUIDv7.make(), baseVersion: nil, draft: Self.workshop(world, "Eén")))
            let answer = try await client.push([first])
            #expect(answer.results.map(\.status) == [.applied])
            #expect(answer.lastMutationId == 1)
            let again = try await client.push([first])
            #expect(again.results == answer.results)
            #expect(try await world.store.sessions(editionId: world.edition.id, in: world.networkId).count == 1)

            // The same id with another change is not a replay.
            let reused = Mutation(id: 1, change: .putSession(id: UUIDv7.make(), baseVersion: nil, draft: Self.workshop(world, "Anders")))
            await #expect { try await client.push([reused]) } throws: { error in
                guard case AgentError.problem(let problem) = error else { return false }
                return problem.type == ProblemType.mutationReplayMismatch.uri && problem.status == 409
            }
            // Skipping ahead is refused with the id the hub expects, and nothing is applied.
            let ahead = Mutation(id: 5, change: .putSession(id: UUIDv7.make(), baseVersion: nil, draft: Self.workshop(world, "Vijf")))
            await #expect { try await client.push([ahead]) } throws: { error in
                guard case AgentError.problem(let problem) = error else { return false }
                return problem.type == ProblemType.mutationGap.uri && problem.expectedMutationId == 2
            }
            // Out of order within one push: refused as a whole, by field.
            let second = Mutation(id: 2, change: .withdrawSession(id: UUID(), baseVersion: nil))
            let third = Mutation(id: 3, change: .withdrawSession(id: UUID(), baseVersion: nil))
            await #expect { try await client.push([third, second]) } throws: { error in
                guard case AgentError.problem(let problem) = error else { return false }
                return problem.type == ProblemType.invalidFields.uri && problem.errors?.first?.field == "mutations[1].id"
            }
            #expect(try await world.store.sessions(editionId: world.edition.id, in: world.networkId).count == 1)
            // A business refusal is a result and does not block what follows.
            let results = try await client.push([second, third]).results
            #expect(results.map(\.status) == [.refused, .refused])
            #expect(results.map(\.reason) == ["not_found", "not_found"])
        }
    }

    @Test(
        "a cursor older than the retained tombstones gets 410; the agent refetches the scope and keeps its outbox",
        arguments: StoreKind.allCases)
    func resyncAfterPrunedTombstones(kind: StoreKind) async throws {
        try await withSyncWorld(kind) { world in
            let folder = try await world.joinAgent(world.memberA)
            let replica = try folder.replica()
            let client = try folder.client()
            defer { Task { try? await client.shutdown() } }
            let sync = SyncSession(school: world.memberA.id, replica: replica, client: client)
            let other = world.organiserSession(world.memberB, title: "Verdwijnt", visibility: .network)
            try await world.store.addSession(other, in: world.networkId, at: Date())
            try await sync.round()
            #expect(try replica.rows(.session, as: Session.self)[other.id] != nil)
            let stale = try replica.cursors()

            // The session goes, its tombstone is purged: a cursor from before cannot learn of the removal.
            try await world.store.removeSession(id: other.id, in: world.networkId, at: Date())
            #expect(try await world.store.pruneTombstones(before: Date().addingTimeInterval(60)) >= 1)
            await #expect { try await client.pull(PullRequest(cursors: stale, resultsAfter: 0)) } throws: { error in
                guard case AgentError.problem(let problem) = error else { return false }
                return problem.status == 410 && problem.type == ProblemType.resyncRequired.uri
                    && problem.scope == SyncScope.members(world.networkId).name
            }
            // Offline meanwhile: a change waits in the outbox.
            let admin = SchoolAdmin(school: world.memberA.id, replica: replica)
            let mine = try admin.putWorkshop(Self.workshop(world, "Blijft"))
            try await sync.round()
            #expect(try replica.rows(.session, as: Session.self)[other.id] == nil)
            #expect(try replica.rows(.session, as: Session.self)[mine] != nil)
            #expect(try replica.outbox().allSatisfy { $0.result?.status == .applied })
            #expect(try replica.visibleRows() == (try await world.visible(to: world.memberA)))
        }
    }

    @Test(
        "a push naming another network's session answers not found, as a wrong id does, and changes nothing",
        arguments: StoreKind.allCases)
    func otherNetworkIsUnknown(kind: StoreKind) async throws {
        try await withSyncWorld(kind) { world in
            let other = try await Fixture.make(in: world.store, name: "Ander netwerk")
            let folder = try await world.joinAgent(world.memberA)
            let client = try folder.client()
            var draft = Self.workshop(world, "Overgenomen")
            draft.tenantId = world.memberA.id
            let answer = try await client.push([
                Mutation(id: 1, change: .putSession(id: other.session.id, baseVersion: nil, draft: draft)),
                Mutation(id: 2, change: .withdrawSession(id: other.session.id, baseVersion: nil)),
                Mutation(id: 3, change: .withdrawSession(id: UUID(), baseVersion: nil)),
            ])
            #expect(answer.results.map(\.reason) == ["not_found", "not_found", "not_found"])
            #expect(answer.results[1].detail == answer.results[2].detail, "the other network's session reads as an unknown id")
            #expect(try await world.store.session(id: other.session.id, in: other.network.id) == other.session)
            try await client.shutdown()
        }
    }

    @Test("a school's agent pulls only what it may see and cannot change another school's rows", arguments: StoreKind.allCases)
    func tenancy(kind: StoreKind) async throws {
        try await withSyncWorld(kind) { world in
            let own = world.organiserSession(world.memberA, title: "Alleen voor A", visibility: .school)
            let members = world.organiserSession(world.memberA, title: "Voor het netwerk", visibility: .network)
            let everyone = world.organiserSession(world.memberA, title: "Voor iedereen", visibility: .all)
            for session in [own, members, everyone] { try await world.store.addSession(session, in: world.networkId, at: Date()) }

            for (school, expected) in [(world.memberB, Set([members.id, everyone.id])), (world.guest, Set([everyone.id]))] {
                let folder = try await world.joinAgent(school)
                let replica = try folder.replica()
                let client = try folder.client()
                // Asking for A's own scope by name changes nothing: scopes come from the credential.
                let forged = [ScopeCursor(scope: .tenant(world.memberA.id), epoch: "", version: 0)]
                let pulled = try await client.pull(PullRequest(cursors: forged, resultsAfter: 0, limit: 5000))
                #expect(!pulled.scopes.contains { $0.scope == .tenant(world.memberA.id) })
                try replica.apply(pulled)
                #expect(Set(try replica.rows(.session, as: Session.self).keys) == expected)

                // Another school's session cannot be changed or withdrawn, and stays as it was.
                var draft = Self.workshop(world, "Overgenomen")
                draft.tenantId = world.memberA.id
                let answer = try await client.push([
                    Mutation(id: 1, change: .putSession(id: everyone.id, baseVersion: nil, draft: draft)),
                    Mutation(id: 2, change: .withdrawSession(id: everyone.id, baseVersion: nil)),
                ])
                #expect(answer.results.map(\.reason) == ["not_owner", "not_owner"])
                #expect(try await world.store.session(id: everyone.id, in: world.networkId) == everyone)
                try await client.shutdown()
            }
        }
    }

    @Test("an edit based on a version the hub has moved past is refused as stale", arguments: StoreKind.allCases)
    func staleEdit(kind: StoreKind) async throws {
        try await withSyncWorld(kind) { world in
            let folder = try await world.joinAgent(world.memberA)
            let replica = try folder.replica()
            let client = try folder.client()
            defer { Task { try? await client.shutdown() } }
            let sync = SyncSession(school: world.memberA.id, replica: replica, client: client)
            let admin = SchoolAdmin(school: world.memberA.id, replica: replica)
            let id = try admin.putWorkshop(Self.workshop(world, "Origineel"))
            try await sync.round()
            var organisers = try await world.store.session(id: id, in: world.networkId)
            organisers.title = "Door de organisatie"
            try await world.store.updateSession(organisers, in: world.networkId, at: Date())
            try admin.putWorkshop(id: id, Self.workshop(world, "Door de school"))
            try await sync.round()
            let line = try #require(try admin.workshops().first { $0.id == id })
            #expect(line.value.title == "Door de organisatie")
            #expect(line.status.hasPrefix("refused: stale"))
        }
    }
}
