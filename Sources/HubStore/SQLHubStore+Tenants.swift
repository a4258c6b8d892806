import Foundation
import KijkjeDomain

extension SQLHubStore {
    public func addTenant(_ tenant: Tenant, to networkId: UUID, as kind: MembershipKind, at time: Date) async throws {
        try await database.transaction { tx in
            _ = try await expectRow(tx, "SELECT id FROM networks WHERE id = \(networkId)", "network")
            try await tx.run(
                """
                INSERT INTO tenants (id, name, brin, town, latitude, longitude, email_domains, head_counts)
                VALUES (\(tenant.id), \(tenant.name), \(tenant.brin), \(tenant.town), \(tenant.latitude),
                        \(tenant.longitude), \(JSONColumn(tenant.emailDomains)), \(JSONColumn(tenant.headCounts)))
                """)
            try await claimDomains(tenant, tx)
            try await tx.run(
                """
                INSERT INTO memberships (tenant_id, network_id, kind, joined_at)
                VALUES (\(tenant.id), \(networkId), \(kind.rawValue), \(time))
                """)
        }
    }

    /// Mail domains name one school each: sign-in finds the school by the address's domain.
    private func claimDomains(_ tenant: Tenant, _ tx: any SQLExecutor) async throws {
        try await tx.run("DELETE FROM tenant_domains WHERE tenant_id = \(tenant.id)")
        for domain in tenant.emailDomains {
            try await tx.run("INSERT INTO tenant_domains (domain, tenant_id) VALUES (\(domain), \(tenant.id))")
        }
    }

    public func tenants(in networkId: UUID) async throws -> [Tenant] {
        try await database.run(
            """
            SELECT t.* FROM tenants t JOIN memberships m ON m.tenant_id = t.id
            WHERE m.network_id = \(networkId) ORDER BY t.name, t.id
            """
        ).map(Tenant.init(row:))
    }

    public func tenant(id: UUID, in networkId: UUID) async throws -> Tenant {
        try Tenant(
            row: try await expectRow(
                database,
                """
                SELECT t.* FROM tenants t JOIN memberships m ON m.tenant_id = t.id
                WHERE t.id = \(id) AND m.network_id = \(networkId)
                """, "school"))
    }

    public func updateTenant(_ tenant: Tenant, in networkId: UUID) async throws {
        try await database.transaction { tx in
            _ = try await expectRow(
                tx,
                """
                UPDATE tenants SET name = \(tenant.name), brin = \(tenant.brin), town = \(tenant.town),
                    latitude = \(tenant.latitude), longitude = \(tenant.longitude),
                    email_domains = \(JSONColumn(tenant.emailDomains)), head_counts = \(JSONColumn(tenant.headCounts))
                WHERE id = \(tenant.id) AND id IN (SELECT tenant_id FROM memberships WHERE network_id = \(networkId))
                RETURNING id
                """, "school")
            try await claimDomains(tenant, tx)
        }
    }

    public func memberships(in networkId: UUID) async throws -> [Membership] {
        try await database.run(
            """
            SELECT * FROM memberships WHERE network_id = \(networkId) ORDER BY joined_at, tenant_id
            """
        ).map(Membership.init(row:))
    }

    public func setMembership(tenantId: UUID, in networkId: UUID, kind: MembershipKind) async throws -> Membership {
        try Membership(
            row: try await expectRow(
                database,
                """
                UPDATE memberships SET kind = \(kind.rawValue)
                WHERE tenant_id = \(tenantId) AND network_id = \(networkId) RETURNING *
                """, "membership of school"))
    }

    /// How many colleagues each school of the network has invited, per role, as their agents reported.
    public func invitationCounts(in networkId: UUID) async throws -> [UUID: [String: Int]] {
        var counts: [UUID: [String: Int]] = [:]
        for row in try await database.run(
            """
            SELECT i.tenant_id, i.counts FROM invitation_counts i JOIN memberships m ON m.tenant_id = i.tenant_id
            WHERE m.network_id = \(networkId)
            """)
        {
            counts[try row.uuid("tenant_id")] = try row.json("counts")
        }
        return counts
    }
}
