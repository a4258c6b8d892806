import Foundation
import KijkjeDomain
import KijkjeSync

/// The school an agent credential speaks for.
public struct AgentIdentity: Sendable, Equatable {
    public var credentialId: UUID
    public var tenantId: UUID
    public var networkId: UUID

    public init(credentialId: UUID, tenantId: UUID, networkId: UUID) {
        self.credentialId = credentialId
        self.tenantId = tenantId
        self.networkId = networkId
    }
}

/// Applying an agent's mutations: each in its own transaction with its sequence check and its recorded result,
/// through the same operations the organiser API uses.
extension SQLHubStore {
    public func applyMutation(_ mutation: Mutation, digest: String, from agent: AgentIdentity, at now: Date) async throws -> MutationResult
    {
        try await database.transaction { tx in
            try await tx.run(
                """
                INSERT INTO agent_sequences (credential_id, last_mutation_id) VALUES (\(agent.credentialId), 0)
                ON CONFLICT (credential_id) DO NOTHING
                """)
            let last = try await expectRow(
                tx,
                """
                SELECT last_mutation_id FROM agent_sequences WHERE credential_id = \
                \(agent.credentialId)\(unsafeRaw: database.dialect.forUpdate)
                """, "agent"
            ).int("last_mutation_id")
            if mutation.id <= last {
                let recorded = try await expectRow(
                    tx,
                    """
                    SELECT digest, result FROM agent_mutations WHERE credential_id = \(agent.credentialId) AND mutation_id = \(mutation.id)
                    """, "mutation")
                guard try recorded.string("digest") == digest else { throw SyncRefusal.replayMismatch(id: mutation.id) }
                return try recorded.json("result", as: MutationResult.self)
            }
            guard mutation.id == last + 1 else { throw SyncRefusal.mutationGap(expected: last + 1, got: mutation.id) }
            // A business refusal undoes the mutation's own writes only; the refusal is recorded like a success.
            try await tx.run("SAVEPOINT mutation")
            var result: MutationResult
            do {
                result = try await apply(tx, mutation, from: agent, at: now)
                try await tx.run("RELEASE SAVEPOINT mutation")
            } catch let error where Self.refusal(error) != nil {
                try await tx.run("ROLLBACK TO SAVEPOINT mutation")
                let (reason, detail) = Self.refusal(error)!
                result = .refused(mutation.id, reason, detail)
            }
            try await tx.run(
                """
                INSERT INTO agent_mutations (credential_id, mutation_id, kind, digest, result, applied_at)
                VALUES (\(agent.credentialId), \(mutation.id), \(mutation.change.kind), \(digest), \(JSONColumn(result)), \(now))
                """)
            try await tx.run(
                """
                UPDATE agent_sequences SET last_mutation_id = \(mutation.id) WHERE credential_id = \(agent.credentialId)
                """)
            return result
        }
    }

    public func mutationResults(credentialId: UUID, after: Int) async throws -> (last: Int, results: [MutationResult]) {
        let last =
            try await database.run(
                """
                SELECT last_mutation_id FROM agent_sequences WHERE credential_id = \(credentialId)
                """
            ).first?.int("last_mutation_id") ?? 0
        let results = try await database.run(
            """
            SELECT result FROM agent_mutations WHERE credential_id = \(credentialId) AND mutation_id > \(after)
            ORDER BY mutation_id LIMIT 1000
            """
        ).map { try $0.json("result", as: MutationResult.self) }
        return (last, results)
    }

    /// A refusal the agent should see as the mutation's result (reason, detail); nil for failures to retry. The
    /// details are those the API's problem details give for the same error.
    static func refusal(_ error: any Error) -> (String, String)? {
        switch error {
        case let error as InvalidInput: ("invalid", error.summary)
        case let error as EnrolmentRefusal: (error.rule, error.message)
        case let error as MutationRefusal: (error.reason, error.detail)
        case let error as StoreError:
            switch error {
            case .notFound: ("not_found", error.detail)
            case .duplicate: ("duplicate", error.detail)
            case .conflict: ("conflict", error.detail)
            case .invalidReference: ("invalid", error.detail)
            case .corrupt, .contention, .unavailable, .refused: nil
            }
        default: nil
        }
    }

    private func apply(_ tx: any SQLExecutor, _ mutation: Mutation, from agent: AgentIdentity, at now: Date) async throws -> MutationResult
    {
        let applied = MutationResult(mutationId: mutation.id, status: .applied)
        switch mutation.change {
        case .putSession(let id, let base, var draft):
            draft.tenantId = agent.tenantId
            let edition = try await editionForDraft(tx, draft.editionId, agent)
            let session = try draft.validated(id: id, edition: edition)
            if try await ownRow(tx, .session, table: "sessions", id: id, base: base, agent) {
                try await updateSession(tx, session, in: agent.networkId, at: now)
            } else {
                try await addSession(tx, session, in: agent.networkId, at: now)
            }
            return applied
        case .withdrawSession(let id, let base):
            guard try await ownRow(tx, .session, table: "sessions", id: id, base: base, agent) else { throw StoreError.notFound("session") }
            try await removeSession(tx, id: id, in: agent.networkId, at: now)
            return applied
        case .putShadowOffer(let id, let base, let host, var draft):
            draft.tenantId = agent.tenantId
            draft.hostPersonId = try await colleague(tx, host, agent, at: now).id
            let edition = try await editionForDraft(tx, draft.editionId, agent)
            let offer = try draft.validated(id: id, edition: edition)
            if try await ownRow(tx, .shadowOffer, table: "shadow_offers", id: id, base: base, agent) {
                try await updateShadowOffer(tx, offer, in: agent.networkId, at: now)
            } else {
                try await addShadowOffer(tx, offer, in: agent.networkId, at: now)
            }
            return applied
        case .withdrawShadowOffer(let id, let base):
            guard try await ownRow(tx, .shadowOffer, table: "shadow_offers", id: id, base: base, agent) else {
                throw StoreError.notFound("shadow offer")
            }
            try await removeShadowOffer(tx, id: id, in: agent.networkId, at: now)
            return applied
        case .enrol(let member, let sessionId):
            let person = try await colleague(tx, member, agent, at: now)
            let enrolment = try await enrol(
                tx,
                EnrolmentRequest(
                    personTenantId: agent.tenantId, personId: person.id, sessionId: sessionId,
                    enforceRegistrationWindow: true), in: agent.networkId, at: now)
            return MutationResult(mutationId: mutation.id, status: .applied, enrolmentState: enrolment.state, enrolmentId: enrolment.id)
        case .headCounts(let counts):
            var v = Validator()
            _ = v.headCounts(counts, "counts")
            try v.check()
            try await tx.run("UPDATE tenants SET head_counts = \(JSONColumn(counts)) WHERE id = \(agent.tenantId)")
            return applied
        case .invitations(let counts):
            var v = Validator()
            _ = v.headCounts(counts, "counts")
            try v.check()
            try await tx.run(
                """
                INSERT INTO invitation_counts (tenant_id, counts, updated_at) VALUES (\(agent.tenantId), \(JSONColumn(counts)), \(now))
                ON CONFLICT (tenant_id) DO UPDATE SET counts = excluded.counts, updated_at = excluded.updated_at
                """)
            return applied
        }
    }

    /// The edition a draft names, which must be one of the agent's network (its absence is left to validation).
    private func editionForDraft(_ tx: any SQLExecutor, _ id: UUID?, _ agent: AgentIdentity) async throws -> Edition? {
        guard let id else { return nil }
        return try await draftEdition(tx, id: id, in: agent.networkId)
    }

    /// Whether the row exists; it must then be the agent's school's, and unchanged since the version the agent saw.
    private func ownRow(
        _ tx: any SQLExecutor, _ kind: SyncRowKind, table: String, id: UUID, base: Int?, _ agent: AgentIdentity
    ) async throws -> Bool {
        guard let owner = try await school(tx, of: id, in: table, networkId: nil),
            try await !tx.run("SELECT id FROM \(unsafeRaw: table) WHERE tenant_id = \(owner) AND id = \(id)").isEmpty
        else {
            if base != nil { throw MutationRefusal.stale("it was withdrawn at the hub since this change was made") }
            return false
        }
        // Another network's row is as unknown as a wrong id: its existence does not leak.
        let what = kind.rawValue.replacingOccurrences(of: "_", with: " ")
        if try await tx.run(
            "SELECT id FROM \(unsafeRaw: table) WHERE tenant_id = \(owner) AND id = \(id) AND \(Self.inNetwork(agent.networkId))"
        ).isEmpty {
            throw StoreError.notFound(what)
        }
        guard owner == agent.tenantId else {
            throw MutationRefusal.notOwner("another school owns this \(what)")
        }
        if let base {
            let current = try await tx.run(
                """
                SELECT version FROM sync_rows WHERE \(Self.inScope(.tenant(agent.tenantId))) AND kind = \(kind.rawValue) AND id = \(id)
                """
            ).first?.int("version")
            if current != base {
                throw MutationRefusal.stale(
                    "it changed at the hub (version \(current ?? 0)) since version \(base) this change was based on")
            }
        }
        return true
    }

    /// The colleague at the hub with this address, entered from the school's staff list when new.
    private func colleague(_ tx: any SQLExecutor, _ member: StaffMember, _ agent: AgentIdentity, at now: Date) async throws -> Person {
        let email = Person.canonicalAddress(member.email)
        if let row = try await tx.run("SELECT * FROM people WHERE tenant_id = \(agent.tenantId) AND email = \(email)").first {
            return try Person(row: row)
        }
        let tenant = try Tenant(row: try await expectRow(tx, "SELECT * FROM tenants WHERE id = \(agent.tenantId)", "school"))
        let person = try PersonDraft(name: member.name, email: email, role: member.role).validated(id: UUIDv7.make(at: now), tenant: tenant)
        try await insertPerson(tx, person, at: now)
        return person
    }
}

/// A mutation the hub refuses for who sent it or when: recorded as its result.
enum MutationRefusal: Error {
    case notOwner(String)
    case stale(String)

    var reason: String {
        switch self {
        case .notOwner: "not_owner"
        case .stale: "stale"
        }
    }

    var detail: String {
        switch self {
        case .notOwner(let detail), .stale(let detail): detail
        }
    }
}
