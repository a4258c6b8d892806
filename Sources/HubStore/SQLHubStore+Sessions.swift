import Foundation
import KijkjeDomain

extension SQLHubStore {
    public func addSession(_ session: Session, in networkId: UUID) async throws {
        try await database.transaction { tx in
            try await requireInNetwork(tx, editionId: session.editionId, tenantId: session.tenantId, networkId: networkId)
            try await tx.run("""
                INSERT INTO sessions (tenant_id, id, edition_id, kind, title, description, presenter, location,
                                      starts_at, ends_at, capacity, visibility, topics)
                VALUES (\(session.tenantId), \(session.id), \(session.editionId), \(session.kind.rawValue),
                        \(session.title), \(session.description), \(session.presenter), \(session.location),
                        \(session.startsAt), \(session.endsAt), \(session.capacity), \(session.visibility.rawValue),
                        \(JSONColumn(session.topics)))
                """)
        }
    }

    public func sessions(editionId: UUID, in networkId: UUID) async throws -> [Session] {
        try await database.run("""
            SELECT * FROM sessions WHERE edition_id = \(editionId) AND \(Self.inNetwork(networkId))
            ORDER BY starts_at, title, id
            """).map(Session.init(row:))
    }

    public func session(id: UUID, in networkId: UUID) async throws -> Session {
        try Session(row: try await expectRow(database, """
            SELECT * FROM sessions WHERE id = \(id) AND \(Self.inNetwork(networkId))
            """, "session"))
    }

    public func updateSession(_ session: Session, in networkId: UUID) async throws {
        try await database.transaction { tx in
            try await requireInNetwork(tx, editionId: session.editionId, tenantId: session.tenantId, networkId: networkId)
            _ = try await expectRow(tx, """
                UPDATE sessions SET edition_id = \(session.editionId), kind = \(session.kind.rawValue),
                    title = \(session.title), description = \(session.description), presenter = \(session.presenter),
                    location = \(session.location), starts_at = \(session.startsAt), ends_at = \(session.endsAt),
                    capacity = \(session.capacity), visibility = \(session.visibility.rawValue),
                    topics = \(JSONColumn(session.topics))
                WHERE tenant_id = \(session.tenantId) AND id = \(session.id) RETURNING id
                """, "session")
        }
    }

    public func removeSession(id: UUID, in networkId: UUID) async throws {
        _ = try await expectRow(database, """
            DELETE FROM sessions WHERE id = \(id) AND \(Self.inNetwork(networkId)) RETURNING id
            """, "session")
    }
}
