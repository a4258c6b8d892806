import Foundation
import KijkjeDomain
import KijkjeSync

/// A line of a list: the hub's state of one of the school's rows, with what is still pending or was refused.
public struct Listed<Value: Sendable>: Sendable {
    public var id: UUID
    public var value: Value
    /// "confirmed", "pending", "withdrawal pending", or "refused: <reason> — <detail>".
    public var status: String
}

/// The school administrator's work, done offline against the replica and queued for the hub.
public struct SchoolAdmin: Sendable {
    public let school: UUID
    public let replica: Replica

    public init(school: UUID, replica: Replica) {
        self.school = school
        self.replica = replica
    }

    public func edition(year: Int) throws -> Edition {
        guard let edition = try replica.rows(.edition, as: Edition.self).values.first(where: { $0.year == year }) else {
            throw AgentError.usage("no edition \(year) is known here yet; run kijkje-agent sync first")
        }
        return edition
    }

    // MARK: Workshops

    public func workshops() throws -> [Listed<Session>] {
        try listed(.session, replica.rows(.session, as: Session.self).filter { $0.value.tenantId == school }) { change in
            switch change {
            case .putSession(let id, _, var draft):
                draft.tenantId = school
                return (id, try? draft.validated(id: id, edition: nil), false)
            case .withdrawSession(let id, _): return (id, nil, true)
            default: return nil
            }
        }
    }

    @discardableResult
    public func putWorkshop(id: UUID? = nil, _ draft: SessionDraft) throws -> UUID {
        var draft = draft
        draft.tenantId = school
        let id = id ?? UUIDv7.make()
        _ = try draft.validated(id: id, edition: draft.editionId.flatMap { try? edition(id: $0) })
        try replica.enqueue(.putSession(id: id, baseVersion: try replica.ownVersion(.session, id: id, tenantId: school), draft: draft))
        return id
    }

    public func withdrawWorkshop(_ id: UUID) throws {
        guard try workshops().contains(where: { $0.id == id }) else { throw AgentError.usage("no workshop \(id) of this school") }
        try replica.enqueue(.withdrawSession(id: id, baseVersion: try replica.ownVersion(.session, id: id, tenantId: school)))
    }

    // MARK: Shadow offers

    public func offers() throws -> [Listed<ShadowOffer>] {
        try listed(.shadowOffer, replica.rows(.shadowOffer, as: ShadowOffer.self).filter { $0.value.tenantId == school }) { change in
            switch change {
            case .putShadowOffer(let id, _, _, var draft):
                draft.tenantId = school
                draft.hostPersonId = draft.hostPersonId ?? UUID()
                return (id, try? draft.validated(id: id, edition: nil), false)
            case .withdrawShadowOffer(let id, _): return (id, nil, true)
            default: return nil
            }
        }
    }

    @discardableResult
    public func putOffer(id: UUID? = nil, hostEmail: String, _ draft: ShadowOfferDraft) throws -> UUID {
        guard let host = try replica.staffMember(email: hostEmail) else {
            throw AgentError.usage("\(hostEmail) is not on the staff list; import the HR export first (kijkje-agent staff import)")
        }
        var draft = draft
        draft.tenantId = school
        draft.role = draft.role ?? host.role
        draft.subjects = draft.subjects ?? host.subjects
        let id = id ?? UUIDv7.make()
        var check = draft
        check.hostPersonId = UUID()
        _ = try check.validated(id: id, edition: draft.editionId.flatMap { try? edition(id: $0) })
        try replica.enqueue(
            .putShadowOffer(
                id: id, baseVersion: try replica.ownVersion(.shadowOffer, id: id, tenantId: school),
                host: host, draft: draft))
        return id
    }

    public func withdrawOffer(_ id: UUID) throws {
        guard try offers().contains(where: { $0.id == id }) else { throw AgentError.usage("no shadow offer \(id) of this school") }
        try replica.enqueue(.withdrawShadowOffer(id: id, baseVersion: try replica.ownVersion(.shadowOffer, id: id, tenantId: school)))
    }

    // MARK: Enrolment

    /// Enrols a colleague from the staff list in a session, named by its id or the start of it.
    @discardableResult
    public func enrol(email: String, session reference: String) throws -> Int {
        guard let member = try replica.staffMember(email: email) else {
            throw AgentError.usage("\(email) is not on the staff list; import the HR export first (kijkje-agent staff import)")
        }
        let matches = try replica.ids(.session, startingWith: reference)
        guard matches.count == 1, let session = matches.first else {
            throw AgentError.usage(
                matches.isEmpty
                    ? "no session \(reference) is known here; run kijkje-agent sync first"
                    : "\(reference) names \(matches.count) sessions; give more of the id")
        }
        return try replica.enqueue(.enrol(person: member, sessionId: session))
    }

    /// The enrolments of this school's staff as the hub decided them, and the enrolments still pending or refused.
    public func enrolments() throws -> [(email: String, session: String, status: String)] {
        let people = try replica.rows(.person, as: Person.self)
        let sessions = try replica.rows(.session, as: Session.self)
        var lines = try replica.rows(.enrolment, as: Enrolment.self).values.filter { $0.personTenantId == school }.map {
            (
                email: people[$0.personId]?.email ?? $0.personId.uuidString,
                session: sessions[$0.sessionId]?.title ?? $0.sessionId.uuidString,
                status: $0.state == .waitlisted ? "waitlisted (queue \($0.queueNumber))" : $0.state.rawValue
            )
        }
        for entry in try replica.outbox() {
            guard case .enrol(let person, let sessionId) = entry.change, entry.result?.status != .applied else { continue }
            let result = entry.result.map { "refused: \($0.reason ?? "") — \($0.detail ?? "")" } ?? "pending"
            lines.append((email: person.email, session: sessions[sessionId]?.title ?? sessionId.uuidString, status: result))
        }
        return lines.sorted { ($0.email, $0.session) < ($1.email, $1.session) }
    }

    // MARK: Helpers

    private func edition(id: UUID) throws -> Edition? { try replica.rows(.edition, as: Edition.self)[id] }

    /// Confirmed rows overlaid with the outbox: the latest entry per row decides its status.
    private func listed<T>(
        _ kind: SyncRowKind, _ confirmed: [UUID: T],
        read: (Mutation.Change) -> (UUID, T?, Bool)?
    ) throws -> [Listed<T>] {
        var lines = Dictionary(uniqueKeysWithValues: confirmed.map { ($0.key, Listed(id: $0.key, value: $0.value, status: "confirmed")) })
        for entry in try replica.outbox() {
            guard let (id, value, withdrawal) = read(entry.change) else { continue }
            switch entry.result {
            case nil:
                if withdrawal {
                    lines[id]?.status = "withdrawal pending"
                } else if let value {
                    lines[id] = Listed(id: id, value: value, status: "pending")
                }
            case let result? where result.status == .refused:
                let note = "refused: \(result.reason ?? "") — \(result.detail ?? "")"
                if lines[id] != nil {
                    lines[id]?.status = note
                } else if let value {
                    lines[id] = Listed(id: id, value: value, status: note)
                }
            default:
                lines[id] = confirmed[id].map { Listed(id: id, value: $0, status: "confirmed") }
            }
        }
        return lines.values.sorted { $0.id.uuidString < $1.id.uuidString }
    }
}

extension Array {
    /// The line of a school's list with this id (any letter case), or a usage error naming what was not found.
    public func named<Value>(_ id: String, _ what: String) throws -> Listed<Value> where Element == Listed<Value> {
        guard let line = first(where: { $0.id.uuidString.lowercased() == id.lowercased() }) else {
            throw AgentError.usage("no \(what) \(id) of this school")
        }
        return line
    }
}
