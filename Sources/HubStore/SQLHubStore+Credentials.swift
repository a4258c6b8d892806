import Foundation
import KijkjeDomain

extension SQLHubStore {
    public func addCredential(_ credential: Credential, tokenHash: String) async throws {
        try await insertCredential(database, credential, tokenHash: tokenHash)
    }

    func insertCredential(_ executor: any SQLExecutor, _ c: Credential, tokenHash: String) async throws {
        try await executor.run(
            """
            INSERT INTO credentials (id, kind, network_id, tenant_id, label, token_hash, created_at)
            VALUES (\(c.id), \(c.kind.rawValue), \(c.networkId), \(c.tenantId), \(c.label), \(tokenHash), \(c.createdAt))
            """)
    }

    /// Finds a live credential; its last use is written at most once a minute, so busy tokens do not queue on one row.
    public func useCredential(tokenHash: String, at time: Date) async throws -> Credential? {
        guard
            var credential = try await database.run(
                """
                SELECT * FROM credentials WHERE token_hash = \(tokenHash) AND revoked_at IS NULL
                """
            ).first.map(Credential.init(row:))
        else { return nil }
        if credential.lastUsedAt.map({ time.timeIntervalSince($0) >= 60 }) ?? true {
            try await database.run("UPDATE credentials SET last_used_at = \(time) WHERE id = \(credential.id)")
            credential.lastUsedAt = time
        }
        return credential
    }

    public func credentials(networkId: UUID?) async throws -> [Credential] {
        if let networkId {
            return try await database.run(
                """
                SELECT * FROM credentials WHERE network_id = \(networkId) ORDER BY created_at, id
                """
            ).map(Credential.init(row:))
        }
        return try await database.run("SELECT * FROM credentials ORDER BY created_at, id").map(Credential.init(row:))
    }

    public func revokeCredential(id: UUID, at time: Date) async throws -> Credential {
        try Credential(
            row: try await expectRow(
                database,
                """
                UPDATE credentials SET revoked_at = COALESCE(revoked_at, \(time)) WHERE id = \(id) RETURNING *
                """, "token"))
    }

    // MARK: Invitations

    public func addInvitation(_ invitation: Invitation, codeHash: String) async throws {
        try await database.transaction { tx in
            if try await tx.run(
                """
                SELECT tenant_id FROM memberships WHERE tenant_id = \(invitation.tenantId) AND network_id = \(invitation.networkId)
                """
            ).isEmpty {
                throw StoreError.invalidReference(field: "tenant_id", message: "no school with this id in this network")
            }
            try await tx.run(
                """
                INSERT INTO invitations (id, network_id, tenant_id, code_hash, created_at, expires_at)
                VALUES (\(invitation.id), \(invitation.networkId), \(invitation.tenantId), \(codeHash),
                        \(invitation.createdAt), \(invitation.expiresAt))
                """)
        }
    }

    public func invitations(in networkId: UUID) async throws -> [Invitation] {
        try await database.run(
            """
            SELECT * FROM invitations WHERE network_id = \(networkId) ORDER BY created_at, id
            """
        ).map(Invitation.init(row:))
    }

    public func removeInvitation(id: UUID, in networkId: UUID) async throws {
        try await database.transaction { tx in
            let invitation = try Invitation(
                row: try await expectRow(
                    tx,
                    """
                    SELECT * FROM invitations WHERE id = \(id) AND network_id = \(networkId)
                    """, "invitation"))
            if invitation.usedAt != nil { throw StoreError.conflict("the invitation was used already; revoke the agent's token instead") }
            try await tx.run("DELETE FROM invitations WHERE id = \(id)")
        }
    }

    public func redeemInvitation(codeHash: String, at time: Date, credential: Credential, tokenHash: String) async throws -> Invitation {
        try await database.transaction { tx in
            // The conditional update is the single-use guard: of two agents racing, one changes the row.
            let claimed = try await tx.run(
                """
                UPDATE invitations SET used_at = \(time)
                WHERE code_hash = \(codeHash) AND used_at IS NULL AND expires_at > \(time) RETURNING *
                """)
            guard let row = claimed.first else {
                let existing = try await tx.run("SELECT * FROM invitations WHERE code_hash = \(codeHash)").first
                guard let existing else { throw InvitationRefusal.unknown }
                throw try existing.optionalDate("used_at") != nil ? InvitationRefusal.used : InvitationRefusal.expired
            }
            let invitation = try Invitation(row: row)
            var agent = credential
            agent.networkId = invitation.networkId
            agent.tenantId = invitation.tenantId
            try await insertCredential(tx, agent, tokenHash: tokenHash)
            return invitation
        }
    }
}
