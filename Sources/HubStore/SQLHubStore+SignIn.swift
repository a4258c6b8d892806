import Foundation
import KijkjeDomain

/// Someone signed in to the portal: a staff member of a school (with their person row) and/or an organiser.
public struct WebSession: Sendable, Equatable {
    public var email: String
    public var networkId: UUID
    public var tenantId: UUID?
    public var personId: UUID?
    public var organiser: Bool
    /// The token every form of this session carries back (CSRF protection).
    public var csrf: String
    public var expiresAt: Date

    public init(email: String, networkId: UUID, tenantId: UUID?, personId: UUID?, organiser: Bool, csrf: String, expiresAt: Date) {
        self.email = email
        self.networkId = networkId
        self.tenantId = tenantId
        self.personId = personId
        self.organiser = organiser
        self.csrf = csrf
        self.expiresAt = expiresAt
    }
}

/// Who an address belongs to: the school its domain names (with the network it is part of) and the networks it
/// organises.
public struct SignInIdentity: Sendable, Equatable {
    public var school: Tenant?
    public var schoolNetworkId: UUID?
    public var organiserOf: [UUID]

    public init(school: Tenant?, schoolNetworkId: UUID?, organiserOf: [UUID]) {
        self.school = school
        self.schoolNetworkId = schoolNetworkId
        self.organiserOf = organiserOf
    }
}

extension SQLHubStore {
    // MARK: Organisers

    public func addOrganiser(email: String, name: String, networkId: UUID) async throws {
        _ = try await network(id: networkId)
        try await database.run(
            """
            INSERT INTO organisers (network_id, email, name) VALUES (\(networkId), \(Person.canonicalAddress(email)), \(name))
            ON CONFLICT (network_id, email) DO UPDATE SET name = excluded.name
            """)
    }

    public func organisers(networkId: UUID) async throws -> [(email: String, name: String)] {
        try await database.run("SELECT email, name FROM organisers WHERE network_id = \(networkId) ORDER BY email").map {
            (try $0.string("email"), try $0.string("name"))
        }
    }

    /// The school an address's domain names and the networks the address organises.
    public func signInIdentity(email: String) async throws -> SignInIdentity {
        let address = Person.canonicalAddress(email)
        let domain = String(address.split(separator: "@").last ?? "")
        let school = try await database.run(
            """
            SELECT t.*, m.network_id AS member_of FROM tenant_domains d JOIN tenants t ON t.id = d.tenant_id
            JOIN memberships m ON m.tenant_id = t.id WHERE d.domain = \(domain) ORDER BY m.joined_at LIMIT 1
            """
        ).first
        let organised = try await database.run("SELECT network_id FROM organisers WHERE email = \(address) ORDER BY network_id")
        return SignInIdentity(
            school: try school.map(Tenant.init(row:)), schoolNetworkId: try school?.uuid("member_of"),
            organiserOf: try organised.map { try $0.uuid("network_id") })
    }

    // MARK: Links and rate limits

    /// Counts a request for a link against each key's limit within `window` seconds; when every key is under its
    /// limit the request is recorded and true returned, else nothing is recorded.
    public func allowSignInAttempt(_ limits: [(key: String, limit: Int)], window: TimeInterval, at now: Date) async throws -> Bool {
        try await database.transaction { tx in
            try await tx.run("DELETE FROM sign_in_attempts WHERE at < \(now.addingTimeInterval(-window))")
            for (key, limit) in limits {
                let count = try await tx.run("SELECT COUNT(*) AS n FROM sign_in_attempts WHERE key = \(key)").first?.int("n") ?? 0
                if count >= limit { return false }
            }
            for (key, _) in limits { try await tx.run("INSERT INTO sign_in_attempts (key, at) VALUES (\(key), \(now))") }
            return true
        }
    }

    /// Stores a link's hash and puts its mail in the outbox, together.
    public func addSignInLink(tokenHash: String, email: String, at now: Date, validFor: TimeInterval, mail: MailMessage) async throws {
        try await database.transaction { tx in
            try await tx.run(
                """
                INSERT INTO sign_in_links (token_hash, email, created_at, expires_at)
                VALUES (\(tokenHash), \(Person.canonicalAddress(email)), \(now), \(now.addingTimeInterval(validFor)))
                """)
            try await enqueue(tx, [mail], at: now)
        }
    }

    /// Uses a link once: the address it was sent to, or nil when it is unknown, used or expired.
    public func useSignInLink(tokenHash: String, at now: Date) async throws -> String? {
        try await database.transaction { tx in
            try await tx.run(
                """
                UPDATE sign_in_links SET used_at = \(now)
                WHERE token_hash = \(tokenHash) AND used_at IS NULL AND expires_at > \(now) RETURNING email
                """
            ).first?.string("email")
        }
    }

    // MARK: Sessions

    public func addWebSession(_ session: WebSession, tokenHash: String, at now: Date) async throws {
        try await database.transaction { tx in
            try await tx.run("DELETE FROM web_sessions WHERE expires_at < \(now)")
            try await tx.run(
                """
                INSERT INTO web_sessions (token_hash, email, network_id, tenant_id, person_id, organiser, csrf, created_at, expires_at)
                VALUES (\(tokenHash), \(session.email), \(session.networkId), \(session.tenantId), \(session.personId),
                        \(session.organiser), \(session.csrf), \(now), \(session.expiresAt))
                """)
        }
    }

    public func webSession(tokenHash: String, at now: Date) async throws -> WebSession? {
        guard
            let row = try await database.run(
                """
                SELECT * FROM web_sessions WHERE token_hash = \(tokenHash) AND expires_at > \(now)
                """
            ).first
        else { return nil }
        return WebSession(
            email: try row.string("email"), networkId: try row.uuid("network_id"), tenantId: try row.optionalUUID("tenant_id"),
            personId: try row.optionalUUID("person_id"), organiser: try row.bool("organiser"), csrf: try row.string("csrf"),
            expiresAt: try row.date("expires_at"))
    }

    public func removeWebSession(tokenHash: String) async throws {
        try await database.run("DELETE FROM web_sessions WHERE token_hash = \(tokenHash)")
    }
}
