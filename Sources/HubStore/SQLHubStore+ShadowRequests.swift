import Foundation
import KijkjeDomain

/// Everything a shadow matching run needs to know about an edition.
public struct ShadowMatchingInput: Sendable {
    public var edition: Edition
    public var requests: [ShadowRequest]
    public var offers: [ShadowOffer]
    /// Each school of the network, by tenant id.
    public var places: [UUID: Place]
    /// Pairs confirmed by both sides in earlier runs: kept.
    public var confirmed: [ShadowMatch]
    /// Pairs someone said no to: never proposed again.
    public var declined: [ShadowMatch]
    public var rules: [ShadowRule]
}

/// What one matching run did: the numbers, and for each unmatched request its nearest alternatives.
public struct ShadowMatchingRun: Sendable, Equatable, Codable {
    public struct Alternative: Sendable, Equatable, Codable {
        public var offerId: UUID
        public var score: Int
        public var blockers: [ShadowBlocker]

        public init(offerId: UUID, score: Int, blockers: [ShadowBlocker]) {
            self.offerId = offerId
            self.score = score
            self.blockers = blockers
        }
    }

    public struct Unmatched: Sendable, Equatable, Codable {
        public var requestId: UUID
        public var alternatives: [Alternative]

        public init(requestId: UUID, alternatives: [Alternative]) {
            self.requestId = requestId
            self.alternatives = alternatives
        }
    }

    public var editionId: UUID
    public var ranAt: Date
    public var seed: Int
    public var matched: Int
    public var totalScore: Int
    public var unmatched: [Unmatched]

    public init(editionId: UUID, ranAt: Date, seed: Int, matched: Int, totalScore: Int, unmatched: [Unmatched]) {
        self.editionId = editionId
        self.ranAt = ranAt
        self.seed = seed
        self.matched = matched
        self.totalScore = totalScore
        self.unmatched = unmatched
    }
}

extension SQLHubStore {
    public func addShadowRequest(_ request: ShadowRequest, in networkId: UUID) async throws {
        try await database.transaction { tx in
            try await requireInNetwork(tx, editionId: request.editionId, tenantId: request.tenantId, networkId: networkId)
            if try await tx.run("SELECT id FROM people WHERE tenant_id = \(request.tenantId) AND id = \(request.personId)").isEmpty {
                throw StoreError.invalidReference(field: "person_id", message: "no person with this id at this school")
            }
            try await tx.run(
                """
                INSERT INTO shadow_requests (tenant_id, id, edition_id, person_id, roles, subjects, school_types, own_school_allowed,
                                             max_distance_km, days, motivation, created_at)
                VALUES (\(request.tenantId), \(request.id), \(request.editionId), \(request.personId), \(JSONColumn(request.roles)),
                        \(JSONColumn(request.subjects)), \(JSONColumn(request.schoolTypes)), \(request.ownSchoolAllowed),
                        \(request.maxDistanceKm), \(JSONColumn(request.days)), \(request.motivation), \(request.createdAt))
                """)
        }
    }

    public func shadowRequests(editionId: UUID, in networkId: UUID) async throws -> [ShadowRequest] {
        try await database.run(
            """
            SELECT * FROM shadow_requests WHERE edition_id = \(editionId) AND \(Self.inNetwork(networkId)) ORDER BY created_at, id
            """
        ).map(ShadowRequest.init(row:))
    }

    public func shadowRequest(id: UUID, in networkId: UUID) async throws -> ShadowRequest {
        try ShadowRequest(
            row: try await expectRow(
                database,
                """
                SELECT * FROM shadow_requests WHERE id = \(id) AND \(Self.inNetwork(networkId))
                """, "shadow request"))
    }

    /// Withdraws a request that has no confirmed match; its open proposals are withdrawn with it.
    public func removeShadowRequest(id: UUID, in networkId: UUID) async throws {
        try await database.transaction { tx in
            let request = try ShadowRequest(
                row: try await expectRow(
                    tx,
                    """
                    SELECT * FROM shadow_requests WHERE id = \(id) AND \(Self.inNetwork(networkId))
                    """, "shadow request"))
            if try await !tx.run(
                """
                SELECT id FROM shadow_matches WHERE tenant_id = \(request.tenantId) AND request_id = \(id) AND state = 'confirmed'
                """
            ).isEmpty {
                throw StoreError.conflict("the request has a confirmed match; both sides agreed on the day")
            }
            try await tx.run("DELETE FROM shadow_matches WHERE tenant_id = \(request.tenantId) AND request_id = \(id)")
            try await tx.run("DELETE FROM shadow_rules WHERE request_id = \(id)")
            try await tx.run("DELETE FROM shadow_requests WHERE tenant_id = \(request.tenantId) AND id = \(id)")
        }
    }

    // MARK: Rules

    public func setShadowRule(_ rule: ShadowRule, in networkId: UUID) async throws {
        try await database.transaction { tx in
            _ = try await networkEdition(tx, id: rule.editionId, in: networkId)
            if try await tx.run(
                """
                SELECT id FROM shadow_requests WHERE id = \(rule.requestId) AND edition_id = \(rule.editionId) AND \
                \(Self.inNetwork(networkId))
                """
            ).isEmpty {
                throw StoreError.invalidReference(field: "request_id", message: "no shadow request with this id in this edition")
            }
            if try await tx.run(
                """
                SELECT id FROM shadow_offers WHERE id = \(rule.offerId) AND edition_id = \(rule.editionId) AND \(Self.inNetwork(networkId))
                """
            ).isEmpty {
                throw StoreError.invalidReference(field: "offer_id", message: "no shadow offer with this id in this edition")
            }
            try await tx.run(
                """
                DELETE FROM shadow_rules WHERE edition_id = \(rule.editionId) AND request_id = \(rule.requestId) AND offer_id = \
                \(rule.offerId)
                """)
            try await tx.run(
                """
                INSERT INTO shadow_rules (edition_id, request_id, offer_id, kind)
                VALUES (\(rule.editionId), \(rule.requestId), \(rule.offerId), \(rule.kind.rawValue))
                """)
        }
    }

    public func shadowRules(editionId: UUID, in networkId: UUID) async throws -> [ShadowRule] {
        _ = try await edition(id: editionId, in: networkId)
        return try await database.run("SELECT * FROM shadow_rules WHERE edition_id = \(editionId) ORDER BY request_id, offer_id").map {
            row in
            ShadowRule(
                editionId: try row.uuid("edition_id"), requestId: try row.uuid("request_id"), offerId: try row.uuid("offer_id"),
                kind: try row.choice("kind"))
        }
    }

    public func removeShadowRule(editionId: UUID, requestId: UUID, offerId: UUID, in networkId: UUID) async throws {
        _ = try await edition(id: editionId, in: networkId)
        _ = try await expectRow(
            database,
            """
            DELETE FROM shadow_rules WHERE edition_id = \(editionId) AND request_id = \(requestId) AND offer_id = \(offerId) RETURNING kind
            """, "rule")
    }
}

extension ShadowRequest {
    init(row: SQLRow) throws {
        let maxKm: Int? = try row.value("max_distance_km") == .null ? nil : try row.int("max_distance_km")
        self.init(
            id: try row.uuid("id"), editionId: try row.uuid("edition_id"), tenantId: try row.uuid("tenant_id"),
            personId: try row.uuid("person_id"), roles: try row.json("roles"), subjects: try row.json("subjects"),
            schoolTypes: try row.json("school_types"), ownSchoolAllowed: try row.bool("own_school_allowed"),
            maxDistanceKm: maxKm, days: try row.json("days"), motivation: try row.string("motivation"),
            createdAt: try row.date("created_at"))
    }
}
