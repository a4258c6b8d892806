import Foundation
import HubStore
import KijkjeDomain

/// People of the network's schools: the organiser enters and edits them; staff edit their own name and role.
extension Operations {
    public func addPerson(tenantId: UUID, _ draft: PersonDraft, by organiser: Organiser, at now: Date) async throws -> Person {
        let tenant = try await store.tenant(id: tenantId, in: organiser.networkId)
        let person = try draft.validated(id: UUIDv7.make(at: now), tenant: tenant)
        try await store.addPerson(person, in: organiser.networkId, at: now)
        return person
    }

    /// Changes a person: the organiser anyone of the network; staff only themselves, and never their address.
    public func updatePerson(tenantId: UUID, id: UUID, _ draft: PersonDraft, by caller: Acting, at now: Date) async throws -> Person {
        try caller.requireOwn(tenantId: tenantId, personId: id, "person")
        let tenant = try await store.tenant(id: tenantId, in: caller.networkId)
        let existing = try await store.person(id: id, tenantId: tenantId, in: caller.networkId)
        var draft = draft
        if case .staff = caller { draft.email = existing.email }
        let person = try draft.validated(id: existing.id, tenant: tenant)
        try await store.updatePerson(person, in: caller.networkId, at: now)
        return person
    }

    public func removePerson(tenantId: UUID, id: UUID, by organiser: Organiser, at now: Date) async throws {
        try await store.removePerson(id: id, tenantId: tenantId, in: organiser.networkId, at: now)
    }
}
