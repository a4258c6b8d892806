import Foundation
import HubStore
import KijkjeDomain

/// What following a link from a mail did.
public enum MailLinkOutcome: Sendable, Equatable {
    case claimed(Enrolment)
    case declined(Enrolment)
    case enrolled(Enrolment)
    case unsubscribed
}

/// Links in mails that work without signing in: the link's secret names one person and one thing they may do
/// (claim or decline their offered place, enrol in a session the hub suggested, stop the optional mails).
extension Operations {
    /// The link a token names, unless unknown, expired, or (single-use ones) used.
    public func mailLink(token: String, at now: Date) async throws -> MailLink {
        guard let link = try await store.mailLink(tokenHash: Secret.hash(token), at: now),
            link.action == .unsubscribe || link.usedAt == nil
        else { throw SignInRefusal.linkInvalid }
        return link
    }

    /// Does what the link says, as the person it was mailed to, and uses it up (unsubscribing may be repeated).
    public func followMailLink(token: String, at now: Date) async throws -> MailLinkOutcome {
        let link = try await mailLink(token: token, at: now)
        let staff = Staff(tenantId: link.tenantId, personId: link.personId, networkId: link.networkId)
        return try await RowScope.$network.withValue(link.networkId) {
            if link.action == .unsubscribe {
                var preferences = try await store.mailPreferences(tenantId: link.tenantId, personId: link.personId, in: link.networkId)
                preferences.reminders = false
                try await store.setMailPreferences(preferences, tenantId: link.tenantId, personId: link.personId, in: link.networkId)
                return .unsubscribed
            }
            guard let subject = link.subjectId, try await store.useMailLink(tokenHash: link.tokenHash, at: now) else {
                throw SignInRefusal.linkInvalid
            }
            switch link.action {
            case .claim: return .claimed(try await change(.claim, enrolmentId: subject, by: .staff(staff), at: now))
            case .decline: return .declined(try await change(.decline, enrolmentId: subject, by: .staff(staff), at: now))
            case .enrol:
                // The hub suggested this session after registration closed, as the organiser would.
                return .enrolled(
                    try await enrol(
                        personTenantId: link.tenantId, personId: link.personId, sessionId: subject,
                        by: Organiser(networkId: link.networkId), at: now))
            case .unsubscribe: return .unsubscribed
            }
        }
    }
}

extension Operations {
    /// A person's own mail preferences: the language of their mail, and whether the optional mails come (those
    /// with a deadline or a change always do).
    public func setMailPreferences(_ preferences: MailPreferences, as staff: Staff) async throws {
        try await store.setMailPreferences(preferences, tenantId: staff.tenantId, personId: staff.personId, in: staff.networkId)
    }
}

extension Operations {
    /// The organiser sends one of the network's mails again.
    public func resendMail(id: UUID, by organiser: Organiser, at now: Date) async throws {
        try await store.resendMail(id: id, networkId: organiser.networkId, at: now)
    }
}
