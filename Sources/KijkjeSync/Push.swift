import Foundation
import KijkjeDomain

/// One local change of a school's agent, numbered 1, 2, 3, … per agent credential.
public struct Mutation: Sendable, Codable, Equatable {
    public var id: Int
    public var change: Change

    public init(id: Int, change: Change) {
        self.id = id
        self.change = change
    }

    /// What the school changed. The school is always the credential's; a draft's `tenant_id` is ignored.
    public enum Change: Sendable, Codable, Equatable {
        /// Adds a workshop, or changes it when `baseVersion` (the version the agent last saw) is still current.
        case putSession(id: UUID, baseVersion: Int?, draft: SessionDraft)
        case withdrawSession(id: UUID, baseVersion: Int?)
        /// Adds or changes a shadow offer; the host is one of the school's staff, entered at the hub if new.
        case putShadowOffer(id: UUID, baseVersion: Int?, host: StaffMember, draft: ShadowOfferDraft)
        case withdrawShadowOffer(id: UUID, baseVersion: Int?)
        /// Enrols a colleague (entered at the hub if new) in a session.
        case enrol(person: StaffMember, sessionId: UUID)
        /// The school's staff per role, from its HR export (only counts leave the school).
        case headCounts(counts: [String: Int])
        /// How many colleagues the school has invited to the week so far, per role (the addresses stay at school).
        case invitations(counts: [String: Int])

        public var kind: String {
            switch self {
            case .putSession: "put_session"
            case .withdrawSession: "withdraw_session"
            case .putShadowOffer: "put_shadow_offer"
            case .withdrawShadowOffer: "withdraw_shadow_offer"
            case .enrol: "enrol"
            case .headCounts: "head_counts"
            case .invitations: "invitations"
            }
        }
    }
}

/// A colleague as the school's HR export names them.
public struct StaffMember: Sendable, Codable, Equatable {
    public var name: String
    public var email: String
    public var role: String
    public var subjects: [String]

    public init(name: String, email: String, role: String, subjects: [String] = []) {
        self.name = name
        self.email = email
        self.role = role
        self.subjects = subjects
    }

    /// `subjects` may be left out (none).
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try values.decode(String.self, forKey: .name), email: try values.decode(String.self, forKey: .email),
            role: try values.decode(String.self, forKey: .role),
            subjects: try values.decodeIfPresent([String].self, forKey: .subjects) ?? [])
    }
}

/// `POST /sync/v1/push`: the agent's outbox in order (at most 500 per request).
public struct PushRequest: Sendable, Codable {
    public var mutations: [Mutation]

    public init(mutations: [Mutation]) { self.mutations = mutations }
}

public struct PushResponse: Sendable, Codable, Equatable {
    /// The results of the pushed mutations, including those applied by an earlier push (replays).
    public var results: [MutationResult]
    public var lastMutationId: Int

    public init(results: [MutationResult], lastMutationId: Int) {
        self.results = results
        self.lastMutationId = lastMutationId
    }
}

/// What the hub made of a mutation: applied, or refused for a business reason (recorded, and the queue goes on).
public struct MutationResult: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable { case applied, refused }

    public var mutationId: Int
    public var status: Status
    /// For a refusal: `invalid`, `not_found`, `not_owner`, `stale`, `conflict`, `duplicate`, or an enrolment rule.
    public var reason: String?
    public var detail: String?
    /// The enrolment's state when an `enrol` was applied.
    public var enrolmentState: EnrolmentState?
    public var enrolmentId: UUID?

    public init(
        mutationId: Int, status: Status, reason: String? = nil, detail: String? = nil,
        enrolmentState: EnrolmentState? = nil, enrolmentId: UUID? = nil
    ) {
        self.mutationId = mutationId
        self.status = status
        self.reason = reason
        self.detail = detail
        self.enrolmentState = enrolmentState
        self.enrolmentId = enrolmentId
    }

    public static func refused(_ id: Int, _ reason: String, _ detail: String) -> MutationResult {
        MutationResult(mutationId: id, status: .refused, reason: reason, detail: detail)
    }
}
