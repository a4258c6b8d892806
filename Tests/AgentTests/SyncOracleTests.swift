import Agent
import Foundation
import HubStore
import KijkjeDomain
import KijkjeSync
import KijkjeTestSupport
import Testing

@Suite("Sync oracle")
struct SyncOracleTests {
    /// Schools' agents and an organiser make random changes and sync in random order; in the end every replica holds
    /// exactly what the hub says its school may see, and every mutation was applied once.
    @Test(
        "random changes by several agents converge to what each school may see, nothing lost or doubled",
        arguments: StoreKind.scaledOut)
    func randomChangesConverge(kind: StoreKind) async throws {
        try await withSyncWorld(kind) { world in
            // KIJKJE_ORACLE_SEED replays a run; every run prints its seed, and a failure names it.
            let seed = ProcessInfo.processInfo.environment["KIJKJE_ORACLE_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64.max)
            print("sync oracle on \(kind): seed \(seed) (replay with KIJKJE_ORACLE_SEED=\(seed))")
            var rng = SplitMix(seed: seed)
            var agents: [(school: Tenant, admin: SchoolAdmin, sync: SyncSession, client: HubClient, credential: UUID)] = []
            for school in world.schools {
                let folder = try await world.joinAgent(school)
                let replica = try folder.replica()
                let client = try folder.client()
                let imported = try StaffImport(text: staffCSV(school, count: 8))
                try replica.replaceStaff(imported.staff)
                try replica.enqueue(.headCounts(counts: imported.headCounts))
                var sync = SyncSession(school: school.id, replica: replica, client: client)
                sync.pageSize = 7
                agents.append((school, SchoolAdmin(school: school.id, replica: replica), sync, client, folder.settings.credentialId))
                try await sync.round()
            }
            let visibilities = ["school", "network", "all"]
            for step in 0..<90 {
                let agent = agents[rng.next(agents.count)]
                switch rng.next(10) {
                case 0, 1:
                    let start = Fixture.time("2026-11-17T07:00:00Z").addingTimeInterval(
                        Double(rng.next(4)) * 86_400 + Double(rng.next(9)) * 3600)
                    try agent.admin.putWorkshop(
                        SessionDraft(
                            editionId: world.edition.id, tenantId: nil, title: "Workshop \(step)", location: "Lokaal \(step)",
                            startsAt: start, endsAt: start.addingTimeInterval(2700), capacity: 1 + rng.next(3),
                            visibility: visibilities[rng.next(3)]))
                case 2:
                    if let own = try agent.admin.workshops().randomElement(using: &rng) {
                        let s = own.value
                        try agent.admin.putWorkshop(
                            id: own.id,
                            SessionDraft(
                                editionId: s.editionId, tenantId: nil, title: s.title + " (gewijzigd)", location: s.location,
                                startsAt: s.startsAt, endsAt: s.endsAt, capacity: s.capacity + 1, visibility: visibilities[rng.next(3)]))
                    }
                case 3:
                    if let own = try agent.admin.workshops().filter({ $0.status == "confirmed" }).randomElement(using: &rng) {
                        try agent.admin.withdrawWorkshop(own.id)
                    }
                case 4:
                    let host = try agent.admin.replica.staff().randomElement(using: &rng)!
                    try agent.admin.putOffer(
                        hostEmail: host.email,
                        ShadowOfferDraft(
                            editionId: world.edition.id, tenantId: nil, hostPersonId: nil, role: nil, schoolType: "havo_vwo",
                            days: [world.edition.days[rng.next(4)]], capacity: 1 + rng.next(2), visibility: visibilities[rng.next(3)]))
                case 5:
                    if let own = try agent.admin.offers().filter({ $0.status == "confirmed" }).randomElement(using: &rng) {
                        try agent.admin.withdrawOffer(own.id)
                    }
                case 6, 7:
                    let sessions = try agent.admin.replica.rows(.session, as: Session.self).keys.sorted { $0.uuidString < $1.uuidString }
                    if let session = sessions.randomElement(using: &rng) {
                        let colleague = try agent.admin.replica.staff().randomElement(using: &rng)!
                        try agent.admin.enrol(email: colleague.email, session: session.uuidString)
                    }
                case 8:
                    // The organiser changes a workshop at the hub meanwhile (which makes some agents' edits stale).
                    if let session = try await world.store.sessions(editionId: world.edition.id, in: world.networkId).randomElement(
                        using: &rng)
                    {
                        var changed = session
                        changed.title += " *"
                        changed.capacity += 1
                        try await world.store.updateSession(changed, in: world.networkId, at: Date().roundedToMillis)
                    }
                default:
                    try await agent.sync.round()
                }
            }
            for _ in 0..<2 { for agent in agents { try await agent.sync.round() } }
            // Withdrawing a workshop cancels and removes its enrolments (their people are mailed).
            var withdrawn: Set<UUID> = []
            for agent in agents {
                for entry in try agent.admin.replica.outbox() where entry.result?.status == .applied {
                    if case .withdrawSession(let id, _) = entry.change { withdrawn.insert(id) }
                }
            }

            for agent in agents {
                let expected = try await world.visible(to: agent.school)
                let held = try agent.admin.replica.visibleRows()
                #expect(
                    Set(held.keys) == Set(expected.keys),
                    "school \(agent.school.name): replica and hub disagree on which rows (seed \(seed))")
                for (key, json) in expected where held[key] != json {
                    Issue.record("school \(agent.school.name): \(key) differs\n replica: \(held[key] ?? "-")\n hub: \(json)")
                }
                // Every mutation has its result, applied once: the hub's record and the outbox agree one to one.
                let outbox = try agent.admin.replica.outbox()
                #expect(outbox.allSatisfy { !$0.isPending })
                let recorded = try await world.store.mutationResults(credentialId: agent.credential, after: 0)
                #expect(recorded.last == outbox.count)
                #expect(recorded.results == outbox.compactMap(\.result))
                let enrolled = recorded.results.compactMap(\.enrolmentId)
                #expect(Set(enrolled).count == enrolled.count)
                for entry in outbox {
                    guard case .enrol(_, let sessionId) = entry.change, let id = entry.result?.enrolmentId else { continue }
                    let found = try? await world.store.enrolment(id: id, in: world.networkId)
                    #expect(found != nil || withdrawn.contains(sessionId), "enrolment \(id) is gone though its session stays")
                }
                #expect(try agent.admin.replica.integrityCheck() == "ok")
                try await agent.client.shutdown()
            }
            // Capacity held whatever order the agents came in.
            for session in try await world.store.sessions(editionId: world.edition.id, in: world.networkId) {
                let taken = try await world.store.enrolments(sessionId: session.id, in: world.networkId).filter(\.state.holdsPlace).count
                #expect(taken <= session.capacity)
            }
        }
    }
}
