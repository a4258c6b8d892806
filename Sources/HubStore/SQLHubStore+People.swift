import Foundation
import KijkjeDomain

extension SQLHubStore {
    public func addPerson(_ person: Person, in networkId: UUID, at time: Date) async throws {
        try await database.transaction { tx in
            try await requireSchool(tx, person.tenantId, networkId: networkId)
            try await insertPerson(tx, person, at: time)
        }
    }

    func insertPerson(_ tx: any SQLExecutor, _ person: Person, at time: Date) async throws {
        try await tx.run(
            """
            INSERT INTO people (tenant_id, id, name, email, role)
            VALUES (\(person.tenantId), \(person.id), \(person.name), \(person.email), \(person.role.rawValue))
            """)
        try await publish(tx, person, at: time)
    }

    /// People are seen by their own school only.
    func publish(_ tx: any SQLExecutor, _ person: Person, at time: Date) async throws {
        try await publish(
            tx, .person, id: person.id, value: person, to: [.tenant(person.tenantId)], among: [.tenant(person.tenantId)], at: time)
    }

    private func requireSchool(_ tx: any SQLExecutor, _ tenantId: UUID, networkId: UUID) async throws {
        _ = try await expectRow(
            tx,
            """
            SELECT tenant_id FROM memberships WHERE tenant_id = \(tenantId) AND network_id = \(networkId)
            """, "school")
    }

    public func people(tenantId: UUID, in networkId: UUID) async throws -> [Person] {
        try await requireSchool(database, tenantId, networkId: networkId)
        return try await database.run(
            """
            SELECT * FROM people WHERE tenant_id = \(tenantId) ORDER BY name, id
            """
        ).map(Person.init(row:))
    }

    public func person(id: UUID, tenantId: UUID, in networkId: UUID) async throws -> Person {
        try Person(
            row: try await expectRow(
                database,
                """
                SELECT * FROM people WHERE tenant_id = \(tenantId) AND id = \(id) AND \(Self.inNetwork(networkId))
                """, "person"))
    }

    public func updatePerson(_ person: Person, in networkId: UUID, at time: Date) async throws {
        try await database.transaction { tx in
            _ = try await expectRow(
                tx,
                """
                UPDATE people SET name = \(person.name), email = \(person.email), role = \(person.role.rawValue)
                WHERE tenant_id = \(person.tenantId) AND id = \(person.id) AND \(Self.inNetwork(networkId)) RETURNING id
                """, "person")
            try await publish(tx, person, at: time)
        }
    }

    public func removePerson(id: UUID, tenantId: UUID, in networkId: UUID, at time: Date) async throws {
        try await database.transaction { tx in
            _ = try await expectRow(
                tx,
                """
                SELECT id FROM people WHERE tenant_id = \(tenantId) AND id = \(id) AND \(Self.inNetwork(networkId))
                """, "person")
            if try await !tx.run(
                """
                SELECT id FROM shadow_offers WHERE tenant_id = \(tenantId) AND host_person_id = \(id)
                """
            ).isEmpty {
                throw StoreError.conflict("the person hosts shadow offers; withdraw those first")
            }
            if try await !tx.run(
                """
                SELECT id FROM enrolments WHERE person_tenant_id = \(tenantId) AND person_id = \(id)
                  AND state IN \(states: EnrolmentState.active)
                """
            ).isEmpty {
                throw StoreError.conflict("the person is enrolled or waiting; cancel those enrolments first")
            }
            let past = try await tx.run(
                "SELECT id, tenant_id FROM enrolments WHERE person_tenant_id = \(tenantId) AND person_id = \(id)")
            for row in past {
                let scopes = Self.enrolmentScopes(tenantId: try row.uuid("tenant_id"), personTenantId: tenantId)
                try await withdraw(tx, .enrolment, id: try row.uuid("id"), from: scopes, at: time)
                try await tx.run("DELETE FROM row_schools WHERE id = \(try row.uuid("id"))")
            }
            try await tx.run("DELETE FROM held_places WHERE tenant_id = \(tenantId) AND person_id = \(id)")
            try await tx.run(
                """
                DELETE FROM enrolment_events WHERE enrolment_id IN
                  (SELECT id FROM enrolments WHERE person_tenant_id = \(tenantId) AND person_id = \(id))
                """)
            try await tx.run("DELETE FROM enrolments WHERE person_tenant_id = \(tenantId) AND person_id = \(id)")
            try await tx.run("DELETE FROM ranked_choices WHERE tenant_id = \(tenantId) AND person_id = \(id)")
            try await tx.run("DELETE FROM allocation_explanations WHERE tenant_id = \(tenantId) AND person_id = \(id)")
            try await tx.run("DELETE FROM people WHERE tenant_id = \(tenantId) AND id = \(id)")
            try await withdraw(tx, .person, id: id, from: [.tenant(tenantId)], at: time)
        }
    }
}
