import Foundation
import HubStore
import KijkjeDomain
import KijkjeTestSupport
import Testing

/// Every store operation, run against SQLite and PostgreSQL alike.
@Suite("HubStore conformance")
struct HubStoreConformanceTests {
    @Test("migrating twice is harmless and leaves the latest schema", arguments: StoreKind.scaledOut)
    func migrateIsIdempotent(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.migrate()
            let version = try await store.schemaVersion()
            #expect(version.applied == Migrations.latest)
            #expect(version.expected == Migrations.latest)
        }
    }

    @Test("a network reads back as written; an unknown one is not found", arguments: StoreKind.scaledOut)
    func networksRoundTrip(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let fixture = try await Fixture.make(in: store)
            #expect(try await store.network(id: fixture.network.id) == fixture.network)
            #expect(try await store.networks() == [fixture.network])
            await #expect(throws: StoreError.notFound("network")) {
                try await store.network(id: fixture.tenant.id)
            }
        }
    }

    @Test("every row reads back as written", arguments: StoreKind.scaledOut)
    func catalogueRoundTrips(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let n = f.network.id
            #expect(try await store.tenant(id: f.tenant.id, in: n) == f.tenant)
            #expect(try await store.tenants(in: n) == [f.tenant])
            #expect(try await store.edition(id: f.edition.id, in: n) == f.edition)
            #expect(try await store.session(id: f.session.id, in: n) == f.session)
            #expect(try await store.sessions(editionId: f.edition.id, in: n) == [f.session])
            #expect(try await store.shadowOffer(id: f.offer.id, in: n) == f.offer)
            #expect(try await store.shadowOffers(editionId: f.edition.id, in: n) == [f.offer])
            #expect(try await store.person(id: f.person.id, tenantId: f.tenant.id, in: n) == f.person)
            #expect(try await store.memberships(in: n).map(\.kind) == [.member])
        }
    }

    @Test("another network's rows are not found, listed or changed", arguments: StoreKind.scaledOut)
    func networksAreIsolated(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let a = try await Fixture.make(in: store, name: "A")
            let b = try await Fixture.make(in: store, name: "B")
            let other = b.network.id
            await #expect(throws: StoreError.self) { try await store.tenant(id: a.tenant.id, in: other) }
            await #expect(throws: StoreError.self) { try await store.edition(id: a.edition.id, in: other) }
            await #expect(throws: StoreError.self) { try await store.session(id: a.session.id, in: other) }
            await #expect(throws: StoreError.self) { try await store.shadowOffer(id: a.offer.id, in: other) }
            await #expect(throws: StoreError.self) { try await store.person(id: a.person.id, tenantId: a.tenant.id, in: other) }
            await #expect(throws: StoreError.self) { try await store.people(tenantId: a.tenant.id, in: other) }
            #expect(try await store.sessions(editionId: a.edition.id, in: other).isEmpty)
            #expect(try await store.shadowOffers(editionId: a.edition.id, in: other).isEmpty)
            #expect(try await store.tenants(in: other).map(\.id) == [b.tenant.id])

            var renamed = a.tenant
            renamed.name = "Overgenomen"
            await #expect(throws: StoreError.self) { try await store.updateTenant(renamed, in: other) }
            var moved = a.session
            moved.title = "Gekaapt"
            await #expect(throws: StoreError.self) { try await store.updateSession(moved, in: other, at: Date()) }
            await #expect(throws: StoreError.self) { try await store.removeSession(id: a.session.id, in: other, at: Date()) }
            await #expect(throws: StoreError.self) { try await store.removeShadowOffer(id: a.offer.id, in: other, at: Date()) }
            await #expect(throws: StoreError.self) { try await store.removeEdition(id: a.edition.id, in: other, at: Date()) }
            await #expect(throws: StoreError.self) {
                try await store.removePerson(id: a.person.id, tenantId: a.tenant.id, in: other, at: Date())
            }
            await #expect(throws: StoreError.self) { try await store.setMembership(tenantId: a.tenant.id, in: other, kind: .guest) }

            #expect(try await store.tenant(id: a.tenant.id, in: a.network.id) == a.tenant)
            #expect(try await store.session(id: a.session.id, in: a.network.id) == a.session)
            #expect(try await store.shadowOffer(id: a.offer.id, in: a.network.id) == a.offer)
        }
    }

    @Test("a session or offer that names another network's edition or school is refused by field", arguments: StoreKind.scaledOut)
    func crossNetworkReferencesAreRefused(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let a = try await Fixture.make(in: store, name: "A")
            let b = try await Fixture.make(in: store, name: "B")
            var session = b.session
            session.id = UUIDv7.make()
            session.editionId = a.edition.id
            await #expect(throws: StoreError.invalidReference(field: "edition_id", message: "no edition with this id in this network")) {
                try await store.addSession(session, in: b.network.id, at: Date())
            }
            session.editionId = b.edition.id
            session.tenantId = a.tenant.id
            await #expect(throws: StoreError.invalidReference(field: "tenant_id", message: "no school with this id in this network")) {
                try await store.addSession(session, in: b.network.id, at: Date())
            }
            var offer = b.offer
            offer.id = UUIDv7.make()
            offer.hostPersonId = a.person.id
            await #expect(throws: StoreError.invalidReference(field: "host_person_id", message: "no person with this id at this school")) {
                try await store.addShadowOffer(offer, in: b.network.id, at: Date())
            }
            #expect(try await store.sessions(editionId: a.edition.id, in: a.network.id) == [a.session])
        }
    }

    @Test("duplicates are refused and name the rule", arguments: StoreKind.scaledOut)
    func duplicatesAreRefused(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            var sameBrin = Fixture.makeTenant("Kopie")
            sameBrin.brin = f.tenant.brin
            await #expect(throws: StoreError.self) { try await store.addTenant(sameBrin, to: f.network.id, as: .member, at: Date()) }
            var sameDomain = Fixture.makeTenant("Kopie")
            sameDomain.emailDomains = f.tenant.emailDomains
            await #expect(throws: StoreError.self) { try await store.addTenant(sameDomain, to: f.network.id, as: .member, at: Date()) }
            // Nothing of the refused schools was kept: the domain check failed after the tenant row was written.
            #expect(try await store.tenants(in: f.network.id).map(\.id) == [f.tenant.id])

            var edition = f.edition
            edition.id = UUIDv7.make()
            do {
                try await store.addEdition(edition, at: Date())
                Issue.record("a second edition for the same year was stored")
            } catch let StoreError.duplicate(message) {
                #expect(message.contains("year"))
            }
            var person = f.person
            person.id = UUIDv7.make()
            await #expect(throws: StoreError.self) { try await store.addPerson(person, in: f.network.id, at: Date()) }
        }
    }

    @Test("changing a school's mail domains frees the old ones", arguments: StoreKind.scaledOut)
    func updateTenantMovesDomains(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            var changed = f.tenant
            changed.emailDomains = ["nieuw-\(f.tenant.brin.lowercased()).nl"]
            changed.headCounts = ["teacher": 130]
            try await store.updateTenant(changed, in: f.network.id)
            #expect(try await store.tenant(id: f.tenant.id, in: f.network.id) == changed)
            var other = Fixture.makeTenant("Ander")
            other.emailDomains = f.tenant.emailDomains
            try await store.addTenant(other, to: f.network.id, as: .guest, at: Date())
            let kinds = try await store.memberships(in: f.network.id).map(\.kind)
            #expect(kinds.sorted { $0.rawValue < $1.rawValue } == [.guest, .member])
            #expect(try await store.setMembership(tenantId: other.id, in: f.network.id, kind: .member).kind == .member)
        }
    }

    @Test("updates and removals take effect; still-used rows cannot be removed", arguments: StoreKind.scaledOut)
    func updatesAndRemovals(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let n = f.network.id
            var session = f.session
            session.capacity = 30
            session.topics = ["leiderschap", "didactiek"]
            try await store.updateSession(session, in: n, at: Date())
            #expect(try await store.session(id: session.id, in: n) == session)
            var offer = f.offer
            offer.capacity = 1
            try await store.updateShadowOffer(offer, in: n, at: Date())
            #expect(try await store.shadowOffer(id: offer.id, in: n) == offer)
            var person = f.person
            person.role = .principal
            try await store.updatePerson(person, in: n, at: Date())
            #expect(try await store.person(id: person.id, tenantId: person.tenantId, in: n) == person)
            var edition = f.edition
            edition.allocationMode = .ranked
            try await store.updateEdition(edition, at: Date())
            #expect(try await store.edition(id: edition.id, in: n) == edition)

            await #expect(throws: StoreError.conflict("the person hosts shadow offers; withdraw those first")) {
                try await store.removePerson(id: person.id, tenantId: person.tenantId, in: n, at: Date())
            }
            await #expect(throws: StoreError.self) { try await store.removeEdition(id: edition.id, in: n, at: Date()) }
            try await store.removeShadowOffer(id: offer.id, in: n, at: Date())
            try await store.removeSession(id: session.id, in: n, at: Date())
            try await store.removePerson(id: person.id, tenantId: person.tenantId, in: n, at: Date())
            try await store.removeEdition(id: edition.id, in: n, at: Date())
            #expect(try await store.editions(in: n).isEmpty)
            #expect(try await store.people(tenantId: f.tenant.id, in: n).isEmpty)
        }
    }

    @Test("a credential is found by its hash, records its use, and stops working when revoked", arguments: StoreKind.scaledOut)
    func credentials(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let (token, hash) = Secret.make(.organiserToken)
            #expect(token.hasPrefix("kjk_org_") && token.count >= 8 + 43)
            let credential = Credential(
                id: UUIDv7.make(), kind: .organiser, networkId: f.network.id, tenantId: nil,
                label: "loopbaancentrum", createdAt: Date().roundedToMillis)
            try await store.addCredential(credential, tokenHash: hash)
            let used = Date().roundedToMillis
            let found = try await store.useCredential(tokenHash: Secret.hash(token), at: used)
            #expect(found?.principal == .organiser(networkId: f.network.id))
            #expect(found?.lastUsedAt == used)
            #expect(try await store.useCredential(tokenHash: Secret.hash(token + "x"), at: used) == nil)
            let revoked = try await store.revokeCredential(id: credential.id, at: used)
            #expect(revoked.revokedAt == used)
            #expect(try await store.useCredential(tokenHash: hash, at: used) == nil)
            #expect(try await store.credentials(networkId: f.network.id).map(\.id) == [credential.id])
        }
    }

    @Test("an invitation admits one agent once, before it expires", arguments: StoreKind.scaledOut)
    func invitations(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let now = Date().roundedToMillis
            let (code, hash) = Secret.make(.invitationCode)
            let invitation = Invitation(
                id: UUIDv7.make(), networkId: f.network.id, tenantId: f.tenant.id, createdAt: now,
                expiresAt: now.addingTimeInterval(3600))
            try await store.addInvitation(invitation, codeHash: hash)
            func agent() -> (Credential, String) {
                (
                    Credential(id: UUIDv7.make(), kind: .agent, networkId: nil, tenantId: nil, label: "agent", createdAt: now),
                    Secret.make(.agentToken).hash
                )
            }
            let (first, firstHash) = agent()
            let redeemed = try await store.redeemInvitation(codeHash: Secret.hash(code), at: now, credential: first, tokenHash: firstHash)
            #expect(redeemed.tenantId == f.tenant.id)
            let stored = try await store.useCredential(tokenHash: firstHash, at: now)
            #expect(stored?.principal == .agent(tenantId: f.tenant.id, networkId: f.network.id))
            let (second, secondHash) = agent()
            await #expect(throws: InvitationRefusal.used) {
                try await store.redeemInvitation(codeHash: hash, at: now, credential: second, tokenHash: secondHash)
            }
            await #expect(throws: InvitationRefusal.unknown) {
                try await store.redeemInvitation(codeHash: Secret.hash("kjk_inv_nope"), at: now, credential: second, tokenHash: secondHash)
            }
            let (late, lateHash) = Secret.make(.invitationCode)
            try await store.addInvitation(
                Invitation(
                    id: UUIDv7.make(), networkId: f.network.id, tenantId: f.tenant.id,
                    createdAt: now, expiresAt: now.addingTimeInterval(60)), codeHash: lateHash)
            await #expect(throws: InvitationRefusal.expired) {
                try await store.redeemInvitation(
                    codeHash: Secret.hash(late), at: now.addingTimeInterval(61), credential: second, tokenHash: secondHash)
            }
            #expect(try await store.useCredential(tokenHash: secondHash, at: now) == nil)
            #expect(try await store.invitations(in: f.network.id).count == 2)
            await #expect(throws: StoreError.self) { try await store.removeInvitation(id: invitation.id, in: f.network.id) }
        }
    }

    @Test("of many agents racing with one code, exactly one gets a credential", arguments: StoreKind.scaledOut)
    func invitationRace(kind: StoreKind) async throws {
        try await withStore(kind) { store in
            let f = try await Fixture.make(in: store)
            let now = Date().roundedToMillis
            let (_, hash) = Secret.make(.invitationCode)
            try await store.addInvitation(
                Invitation(
                    id: UUIDv7.make(), networkId: f.network.id, tenantId: f.tenant.id,
                    createdAt: now, expiresAt: now.addingTimeInterval(3600)), codeHash: hash)
            let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        let credential = Credential(
                            id: UUIDv7.make(), kind: .agent, networkId: nil, tenantId: nil,
                            label: "agent", createdAt: now)
                        do {
                            _ = try await store.redeemInvitation(
                                codeHash: hash, at: now, credential: credential,
                                tokenHash: Secret.make(.agentToken).hash)
                            return true
                        } catch is InvitationRefusal {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(winners == 1)
            #expect(try await store.credentials(networkId: f.network.id).filter { $0.kind == .agent }.count == 1)
        }
    }
}
