import Foundation
import HubStore
import KijkjeDomain

/// What a person (or the organiser for them) may do with an enrolment once it exists.
public enum EnrolmentChange: String, Sendable, CaseIterable {
    case cancel, claim, decline
}

extension Operations {
    /// A staff member enrols themselves: within the registration window, under every enrolment rule.
    public func enrol(sessionId: UUID, as staff: Staff, at now: Date) async throws -> Enrolment {
        try await store.enrol(
            EnrolmentRequest(
                personTenantId: staff.tenantId, personId: staff.personId, sessionId: sessionId,
                enforceRegistrationWindow: true), in: staff.networkId, at: now)
    }

    /// The organiser enrols someone of the network (also outside the registration window).
    public func enrol(
        personTenantId: UUID, personId: UUID, sessionId: UUID, by organiser: Organiser, at now: Date
    ) async throws -> Enrolment {
        try await store.enrol(
            EnrolmentRequest(
                personTenantId: personTenantId, personId: personId, sessionId: sessionId,
                enforceRegistrationWindow: false), in: organiser.networkId, at: now)
    }

    /// Cancels, claims or declines an enrolment; staff only their own (another's is not found).
    public func change(_ change: EnrolmentChange, enrolmentId: UUID, by caller: Acting, at now: Date) async throws -> Enrolment {
        let enrolment = try await store.enrolment(id: enrolmentId, in: caller.networkId)
        try caller.requireOwn(tenantId: enrolment.personTenantId, personId: enrolment.personId, "enrolment")
        switch change {
        case .cancel: return try await store.cancelEnrolment(id: enrolmentId, in: caller.networkId, at: now)
        case .claim: return try await store.claimOffer(id: enrolmentId, in: caller.networkId, at: now)
        case .decline: return try await store.declineOffer(id: enrolmentId, in: caller.networkId, at: now)
        }
    }

    /// A person's ranked choices for an edition of the caller's network (staff: their own, for the current edition).
    public func submitChoices(
        personTenantId: UUID, personId: UUID, editionId: UUID, sessionIds: [UUID], field: String = "session_ids",
        by caller: Acting, at now: Date
    ) async throws -> RankedChoices {
        try caller.requireOwn(tenantId: personTenantId, personId: personId, "person")
        var v = Validator()
        RankedChoices.check(sessionIds, field: field, &v)
        try v.check()
        let choices = RankedChoices(
            personTenantId: personTenantId, personId: personId, editionId: editionId, sessionIds: sessionIds,
            submittedAt: now)
        try await store.submitChoices(choices, in: caller.networkId)
        return choices
    }

    /// Lets overdue offers lapse and passes their places on (the scheduler's round); how many lapsed.
    func expireOffers(at now: Date) async throws -> Int {
        try await store.expireOffers(at: now)
    }
}
