import Foundation
import HubStore
import KijkjeDomain

/// The organiser's writes to the network's catalogue: schools, memberships, editions, sessions and shadow offers.
extension Operations {
    public func addTenant(_ draft: TenantDraft, by organiser: Organiser, at now: Date) async throws -> Tenant {
        let (tenant, kind) = try draft.validatedWithMembership(id: UUIDv7.make(at: now))
        try await store.addTenant(tenant, to: organiser.networkId, as: kind, at: now)
        return tenant
    }

    public func updateTenant(id: UUID, _ draft: TenantDraft, by organiser: Organiser) async throws -> Tenant {
        _ = try await store.tenant(id: id, in: organiser.networkId)
        let tenant = try draft.validated(id: id)
        try await store.updateTenant(tenant, in: organiser.networkId)
        return tenant
    }

    public func setMembership(tenantId: UUID, kind: String?, by organiser: Organiser) async throws -> Membership {
        var v = Validator()
        let kind = v.choice(kind, "kind", as: MembershipKind.self)
        try v.check()
        return try await store.setMembership(tenantId: tenantId, in: organiser.networkId, kind: kind ?? .member)
    }

    public func addEdition(_ draft: EditionDraft, by organiser: Organiser, at now: Date) async throws -> Edition {
        let edition = try draft.validated(id: UUIDv7.make(at: now), networkId: organiser.networkId)
        try await store.addEdition(edition, at: now)
        return edition
    }

    /// Changes an edition; whether its allocation ran stays as it is.
    public func updateEdition(id: UUID, _ draft: EditionDraft, by organiser: Organiser, at now: Date) async throws -> Edition {
        let existing = try await store.edition(id: id, in: organiser.networkId)
        let edition = try draft.validated(id: id, networkId: organiser.networkId, allocatedAt: existing.allocatedAt)
        try await store.updateEdition(edition, at: now)
        return edition
    }

    /// The organiser pages keep one edition a year: the latest is changed, or the first one made.
    public func saveCurrentEdition(_ draft: EditionDraft, by organiser: Organiser, at now: Date) async throws -> Edition {
        guard let existing = try await store.latestEdition(in: organiser.networkId) else {
            return try await addEdition(draft, by: organiser, at: now)
        }
        return try await updateEdition(id: existing.id, draft, by: organiser, at: now)
    }

    public func removeEdition(id: UUID, by organiser: Organiser, at now: Date) async throws {
        try await store.removeEdition(id: id, in: organiser.networkId, at: now)
    }

    public func addSession(_ draft: SessionDraft, by organiser: Organiser, at now: Date) async throws -> Session {
        let session = try draft.validated(
            id: UUIDv7.make(at: now), edition: try await edition(namedBy: draft.editionId, in: organiser.networkId))
        try await store.addSession(session, in: organiser.networkId, at: now)
        return session
    }

    /// Changes a session; it stays at its school, and capacity cannot go below the places taken.
    public func updateSession(id: UUID, _ draft: SessionDraft, by organiser: Organiser, at now: Date) async throws -> Session {
        let existing = try await store.session(id: id, in: organiser.networkId)
        let session = try draft.validated(id: id, edition: try await edition(namedBy: draft.editionId, in: organiser.networkId))
        try Self.keepHost(draft.tenantId, existing.tenantId)
        try await store.updateSession(session, in: organiser.networkId, at: now)
        return session
    }

    public func removeSession(id: UUID, by organiser: Organiser, at now: Date) async throws {
        try await store.removeSession(id: id, in: organiser.networkId, at: now)
    }

    /// A shadow offer: the organiser's for any school of the network, a staff member's only to host themselves.
    public func addShadowOffer(_ draft: ShadowOfferDraft, by caller: Acting, at now: Date) async throws -> ShadowOffer {
        if let tenantId = draft.tenantId, let host = draft.hostPersonId {
            try caller.requireOwn(tenantId: tenantId, personId: host, "person")
        }
        let offer = try draft.validated(
            id: UUIDv7.make(at: now), edition: try await edition(namedBy: draft.editionId, in: caller.networkId))
        try await store.addShadowOffer(offer, in: caller.networkId, at: now)
        return offer
    }

    public func updateShadowOffer(id: UUID, _ draft: ShadowOfferDraft, by organiser: Organiser, at now: Date) async throws -> ShadowOffer {
        let existing = try await store.shadowOffer(id: id, in: organiser.networkId)
        let offer = try draft.validated(id: id, edition: try await edition(namedBy: draft.editionId, in: organiser.networkId))
        try Self.keepHost(draft.tenantId, existing.tenantId)
        try await store.updateShadowOffer(offer, in: organiser.networkId, at: now)
        return offer
    }

    /// Withdraws a shadow offer: the organiser any of the network's, staff only their own.
    public func withdrawShadowOffer(id: UUID, by caller: Acting, at now: Date) async throws {
        let offer = try await store.shadowOffer(id: id, in: caller.networkId)
        try caller.requireOwn(tenantId: offer.tenantId, personId: offer.hostPersonId, "shadow offer")
        try await store.removeShadowOffer(id: id, in: caller.networkId, at: now)
    }

    /// A row stays with the school that owns it.
    static func keepHost(_ requested: UUID?, _ owner: UUID) throws(InvalidInput) {
        if let requested, requested != owner {
            throw InvalidInput(field: "tenant_id", message: "cannot change; withdraw it and add it at the other school")
        }
    }
}

extension Operations {
    /// A whole catalogue at once (an import): every session is checked, then all are added in one transaction, or none.
    public func importSessions(_ drafts: [SessionDraft], by organiser: Organiser, at now: Date) async throws -> [Session] {
        var editions: [UUID: Edition] = [:]
        var sessions: [Session] = []
        for draft in drafts {
            var edition: Edition?
            if let id = draft.editionId {
                if editions[id] == nil { editions[id] = try await self.edition(namedBy: id, in: organiser.networkId) }
                edition = editions[id]
            }
            sessions.append(try draft.validated(id: UUIDv7.make(at: now), edition: edition))
        }
        try await store.addSessions(sessions, in: organiser.networkId, at: now)
        return sessions
    }
}
