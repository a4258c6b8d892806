import Foundation
import KijkjeDomain

/// The needs survey: which topics someone wants next year, and a wish in their own words.
public struct SurveyAnswer: Sendable, Equatable, Codable {
    public var tenantId: UUID
    public var personId: UUID
    public var editionId: UUID
    public var topics: [String]
    public var wish: String
    public var answeredAt: Date

    public init(tenantId: UUID, personId: UUID, editionId: UUID, topics: [String], wish: String, answeredAt: Date) {
        self.tenantId = tenantId
        self.personId = personId
        self.editionId = editionId
        self.topics = topics
        self.wish = wish
        self.answeredAt = answeredAt
    }
}

/// The evaluation after the week: a mark from 1 to 5, what was best, what should improve.
public struct Evaluation: Sendable, Equatable, Codable {
    public var tenantId: UUID
    public var personId: UUID
    public var editionId: UUID
    public var rating: Int
    public var best: String
    public var improve: String
    public var answeredAt: Date

    public init(tenantId: UUID, personId: UUID, editionId: UUID, rating: Int, best: String, improve: String, answeredAt: Date) {
        self.tenantId = tenantId
        self.personId = personId
        self.editionId = editionId
        self.rating = rating
        self.best = best
        self.improve = improve
        self.answeredAt = answeredAt
    }
}

extension SQLHubStore {
    // MARK: Calendar feeds

    /// Gives the person a new secret feed (the old address stops working), or none with a nil hash.
    public func setCalendarFeed(tenantId: UUID, personId: UUID, tokenHash: String?, at now: Date) async throws {
        try await database.transaction { tx in
            try await tx.run("DELETE FROM calendar_feeds WHERE tenant_id = \(tenantId) AND person_id = \(personId)")
            if let tokenHash {
                try await tx.run(
                    """
                    INSERT INTO calendar_feeds (tenant_id, person_id, token_hash, created_at) VALUES (\(tenantId), \(personId), \
                    \(tokenHash), \(now))
                    """)
            }
        }
    }

    public func hasCalendarFeed(tenantId: UUID, personId: UUID) async throws -> Bool {
        try await !database.run("SELECT 1 FROM calendar_feeds WHERE tenant_id = \(tenantId) AND person_id = \(personId)").isEmpty
    }

    /// The person a feed's secret belongs to, and the network of their school.
    public func calendarFeedOwner(tokenHash: String) async throws -> (tenantId: UUID, personId: UUID, networkId: UUID)? {
        guard
            let row = try await database.run(
                """
                SELECT f.tenant_id, f.person_id, m.network_id FROM calendar_feeds f JOIN memberships m ON m.tenant_id = f.tenant_id
                WHERE f.token_hash = \(tokenHash) ORDER BY m.joined_at LIMIT 1
                """
            ).first
        else { return nil }
        return (try row.uuid("tenant_id"), try row.uuid("person_id"), try row.uuid("network_id"))
    }

    // MARK: Survey and evaluation

    public func saveSurveyAnswer(_ answer: SurveyAnswer) async throws {
        try await database.transaction { tx in
            try await tx.run(
                """
                DELETE FROM survey_answers WHERE tenant_id = \(answer.tenantId) AND person_id = \(answer.personId)
                  AND edition_id = \(answer.editionId)
                """)
            try await tx.run(
                """
                INSERT INTO survey_answers (tenant_id, person_id, edition_id, topics, wish, answered_at)
                VALUES (\(answer.tenantId), \(answer.personId), \(answer.editionId), \(JSONColumn(answer.topics)), \(answer.wish), \
                \(answer.answeredAt))
                """)
        }
    }

    public func surveyAnswers(editionId: UUID, in networkId: UUID) async throws -> [SurveyAnswer] {
        try await database.run(
            """
            SELECT * FROM survey_answers WHERE edition_id = \(editionId) AND \(Self.inNetwork(networkId)) ORDER BY answered_at
            """
        ).map { row in
            SurveyAnswer(
                tenantId: try row.uuid("tenant_id"), personId: try row.uuid("person_id"), editionId: try row.uuid("edition_id"),
                topics: try row.json("topics"), wish: try row.string("wish"), answeredAt: try row.date("answered_at"))
        }
    }

    public func saveEvaluation(_ evaluation: Evaluation) async throws {
        try await database.transaction { tx in
            try await tx.run(
                """
                DELETE FROM evaluations WHERE tenant_id = \(evaluation.tenantId) AND person_id = \(evaluation.personId)
                  AND edition_id = \(evaluation.editionId)
                """)
            try await tx.run(
                """
                INSERT INTO evaluations (tenant_id, person_id, edition_id, rating, best, improve, answered_at)
                VALUES (\(evaluation.tenantId), \(evaluation.personId), \(evaluation.editionId), \(evaluation.rating), \(evaluation.best),
                        \(evaluation.improve), \(evaluation.answeredAt))
                """)
        }
    }

    public func evaluations(editionId: UUID, in networkId: UUID) async throws -> [Evaluation] {
        try await database.run(
            """
            SELECT * FROM evaluations WHERE edition_id = \(editionId) AND \(Self.inNetwork(networkId)) ORDER BY answered_at
            """
        ).map { row in
            Evaluation(
                tenantId: try row.uuid("tenant_id"), personId: try row.uuid("person_id"), editionId: try row.uuid("edition_id"),
                rating: try row.int("rating"), best: try row.string("best"), improve: try row.string("improve"),
                answeredAt: try row.date("answered_at"))
        }
    }

    /// Removes what the portal keeps of a person (feed, survey, evaluation, sessions) before the person goes.
    public func removePortalData(tenantId: UUID, personId: UUID) async throws {
        try await database.transaction { tx in
            for table in ["calendar_feeds", "survey_answers", "evaluations", "web_sessions", "mail_preferences", "mail_links"] {
                try await tx.run("DELETE FROM \(unsafeRaw: table) WHERE tenant_id = \(tenantId) AND person_id = \(personId)")
            }
            try await tx.run("DELETE FROM notices WHERE person_tenant_id = \(tenantId) AND person_id = \(personId)")
        }
    }
}
