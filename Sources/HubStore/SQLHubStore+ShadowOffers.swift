import Foundation
import KijkjeDomain

extension SQLHubStore {
    public func addShadowOffer(_ offer: ShadowOffer, in networkId: UUID, at time: Date) async throws {
        try await database.transaction { tx in try await addShadowOffer(tx, offer, in: networkId, at: time) }
    }

    func addShadowOffer(_ tx: any SQLExecutor, _ offer: ShadowOffer, in networkId: UUID, at now: Date) async throws {
        try await requireHost(tx, offer, networkId: networkId)
        try await tx.run(
            """
            INSERT INTO shadow_offers (tenant_id, id, edition_id, host_person_id, role, subjects, school_type,
                                       days, capacity, visibility)
            VALUES (\(offer.tenantId), \(offer.id), \(offer.editionId), \(offer.hostPersonId), \(offer.role.rawValue),
                    \(JSONColumn(offer.subjects)), \(offer.schoolType.rawValue), \(JSONColumn(offer.days)),
                    \(offer.capacity), \(offer.visibility.rawValue))
            """)
        try await tx.run("INSERT INTO row_schools (id, tenant_id) VALUES (\(offer.id), \(offer.tenantId))")
        try await publish(tx, offer, in: networkId, at: now)
    }

    /// The host must be a person of the offering school.
    private func requireHost(_ tx: any SQLExecutor, _ offer: ShadowOffer, networkId: UUID) async throws {
        try await requireInNetwork(tx, editionId: offer.editionId, tenantId: offer.tenantId, networkId: networkId)
        if try await tx.run("SELECT id FROM people WHERE tenant_id = \(offer.tenantId) AND id = \(offer.hostPersonId)").isEmpty {
            throw StoreError.invalidReference(field: "host_person_id", message: "no person with this id at this school")
        }
    }

    public func shadowOffers(editionId: UUID, in networkId: UUID) async throws -> [ShadowOffer] {
        try await database.run(
            """
            SELECT * FROM shadow_offers WHERE edition_id = \(editionId) AND \(Self.inNetwork(networkId)) ORDER BY id
            """
        ).map(ShadowOffer.init(row:))
    }

    public func shadowOffer(id: UUID, in networkId: UUID) async throws -> ShadowOffer {
        try ShadowOffer(row: try await row(database, in: "shadow_offers", id: id, tenantId: nil, networkId: networkId, "shadow offer"))
    }

    public func updateShadowOffer(_ offer: ShadowOffer, in networkId: UUID, at time: Date) async throws {
        try await database.transaction { tx in try await updateShadowOffer(tx, offer, in: networkId, at: time) }
    }

    func updateShadowOffer(_ tx: any SQLExecutor, _ offer: ShadowOffer, in networkId: UUID, at now: Date) async throws {
        try await requireHost(tx, offer, networkId: networkId)
        _ = try await expectRow(
            tx,
            """
            UPDATE shadow_offers SET edition_id = \(offer.editionId), host_person_id = \(offer.hostPersonId),
                role = \(offer.role.rawValue), subjects = \(JSONColumn(offer.subjects)),
                school_type = \(offer.schoolType.rawValue), days = \(JSONColumn(offer.days)),
                capacity = \(offer.capacity), visibility = \(offer.visibility.rawValue)
            WHERE tenant_id = \(offer.tenantId) AND id = \(offer.id) RETURNING id
            """, "shadow offer")
        try await publish(tx, offer, in: networkId, at: now)
    }

    /// Withdraws an offer without a confirmed match; its open proposals and rules go with it.
    public func removeShadowOffer(id: UUID, in networkId: UUID, at time: Date) async throws {
        try await database.transaction { tx in try await removeShadowOffer(tx, id: id, in: networkId, at: time) }
    }

    func removeShadowOffer(_ tx: any SQLExecutor, id: UUID, in networkId: UUID, at now: Date) async throws {
        let offer = try ShadowOffer(
            row: try await row(tx, in: "shadow_offers", id: id, tenantId: nil, networkId: networkId, "shadow offer"))
        if try await !tx.run(
            """
            SELECT id FROM shadow_matches WHERE offer_tenant_id = \(offer.tenantId) AND offer_id = \(id) AND state = 'confirmed'
            """
        ).isEmpty {
            throw StoreError.conflict("the offer has a confirmed match; both sides agreed on the day")
        }
        try await tx.run("DELETE FROM shadow_matches WHERE offer_tenant_id = \(offer.tenantId) AND offer_id = \(id)")
        try await tx.run("DELETE FROM shadow_rules WHERE offer_id = \(id)")
        try await tx.run("DELETE FROM shadow_offers WHERE tenant_id = \(offer.tenantId) AND id = \(id)")
        try await withdraw(tx, .shadowOffer, id: id, from: Self.catalogueCandidates(owner: offer.tenantId, networkId: networkId), at: now)
    }
}
