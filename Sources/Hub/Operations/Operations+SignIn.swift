import Foundation
import HubStore
import KijkjeDomain

/// Signing in to the portal by mail link: an address names its school by its domain (or is an organiser's); a
/// single-use link, valid 15 minutes, goes out through the outbox; confirming it starts a session.
extension Operations {
    static let signInLinkLifetime: TimeInterval = 15 * 60
    static let webSessionLifetime: TimeInterval = 12 * 3600

    /// What a sign-in link's mail says, in the reader's language; `%@` stands for the link.
    public struct SignInMail: Sendable {
        public var subject: String
        public var body: String
    }

    /// Mails a sign-in link to an address the network knows, when neither the address nor the client asked too
    /// often; an address it does not know gets nothing, and the caller cannot tell. `link` makes the link's address
    /// from its token.
    public func requestSignInLink(
        email: String?, client: String, mail text: SignInMail, at now: Date,
        link: (String) -> String
    ) async throws {
        let email = Person.canonicalAddress(email ?? "")
        guard Person.looksLikeMailAddress(email) else {
            throw InvalidInput(field: "email", message: "is not a mail address; use your school address, like name@school.nl")
        }
        // The limits count before the address is looked up, and an unknown address is answered as a known one: the
        // answer tells nobody which addresses the network knows.
        guard try await store.allowSignInAttempt([("address:\(email)", 5), ("client:\(client)", 30)], window: 15 * 60, at: now)
        else { throw SignInRefusal.tooManyLinks }
        let identity = try await store.signInIdentity(email: email)
        guard identity.school != nil || !identity.organiserOf.isEmpty else { return }
        let (token, hash) = Secret.make(.signInLink)
        let message = MailMessage(
            id: UUIDv7.make(at: now), dedupeKey: "sign-in:\(hash)", toAddress: email, toName: email,
            subject: text.subject, body: String(format: text.body, link(token)), kind: .signIn)
        try await store.addSignInLink(tokenHash: hash, email: email, at: now, validFor: Self.signInLinkLifetime, mail: message)
    }

    /// Uses a link once and starts a session: the session and its cookie's token.
    public func confirmSignIn(token: String?, at now: Date) async throws -> (session: WebSession, token: String) {
        guard let email = try await store.useSignInLink(tokenHash: Secret.hash(token ?? ""), at: now) else {
            throw SignInRefusal.linkInvalid
        }
        let session = try await startSession(email: email, at: now)
        let (cookie, hash) = Secret.make(.webSession)
        try await store.addWebSession(session, tokenHash: hash, at: now)
        return (session, cookie)
    }

    public func signOut(sessionHash: String?) async throws {
        if let sessionHash { try await store.removeWebSession(tokenHash: sessionHash) }
    }

    /// The session for an address: staff of the school its domain names (entered as a person on the first
    /// sign-in) and organiser of the network it organises.
    func startSession(email: String, at now: Date) async throws -> WebSession {
        let identity = try await store.signInIdentity(email: email)
        var networkId = identity.schoolNetworkId ?? identity.organiserOf.first
        var tenantId: UUID?, personId: UUID?
        if let school = identity.school, let schoolNetwork = identity.schoolNetworkId,
            identity.organiserOf.isEmpty || identity.organiserOf.contains(schoolNetwork)
        {
            let people = try await store.people(tenantId: school.id, in: schoolNetwork)
            if let person = people.first(where: { $0.email == email }) {
                personId = person.id
            } else {
                let person = try PersonDraft(name: Self.name(from: email), email: email, role: Role.teacher.rawValue)
                    .validated(id: UUIDv7.make(at: now), tenant: school)
                try await store.addPerson(person, in: schoolNetwork, at: now)
                personId = person.id
            }
            tenantId = school.id
            networkId = schoolNetwork
        }
        guard let networkId else { throw SignInRefusal.unknownAddress }
        return WebSession(
            email: email, networkId: networkId, tenantId: tenantId, personId: personId,
            organiser: identity.organiserOf.contains(networkId), csrf: Secret.make(.formToken).secret,
            expiresAt: now.addingTimeInterval(Self.webSessionLifetime))
    }

    /// "anne.de.vries@school.nl" → "Anne De Vries" (to be corrected on the account page).
    static func name(from email: String) -> String {
        let local = email.split(separator: "@").first.map(String.init) ?? email
        return local.split(whereSeparator: { ".-_".contains($0) }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}

/// Why a sign-in did not go ahead.
public enum SignInRefusal: Error, Sendable {
    case unknownAddress
    case tooManyLinks
    case linkInvalid
}
