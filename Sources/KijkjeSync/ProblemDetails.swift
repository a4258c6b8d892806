import Foundation
import KijkjeDomain

/// An RFC 9457 problem-details body: what went wrong, in words a person can act on, with a stable `type`.
public struct ProblemDetails: Error, Sendable, Equatable, Codable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    /// The fields at fault, for invalid input.
    public var errors: [FieldProblem]?
    /// The rule an enrolment broke ("overlap", "travel-time", "day-cap", ...).
    public var rule: String?
    /// The session an enrolment conflicts with.
    public var conflictingSessionId: UUID?
    /// The sync scope an agent must refetch (with `resync-required`).
    public var scope: String?
    /// The mutation id the hub expects next (with `mutation-gap`).
    public var expectedMutationId: Int?

    public init(
        _ kind: ProblemType, detail: String, errors: [FieldProblem]? = nil, rule: String? = nil,
        conflictingSessionId: UUID? = nil, scope: String? = nil, expectedMutationId: Int? = nil
    ) {
        self.type = kind.uri
        self.title = kind.title
        self.status = kind.status
        self.detail = detail
        self.errors = errors
        self.rule = rule
        self.conflictingSessionId = conflictingSessionId
        self.scope = scope
        self.expectedMutationId = expectedMutationId
    }

    /// One line for a terminal: "title: detail (field: message; ...)".
    public var oneLine: String {
        var line = "\(title): \(detail)"
        if let errors, !errors.isEmpty { line += " (" + errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ") + ")" }
        return line
    }
}

/// Every problem the hub answers with. The URIs are stable: clients may switch on them.
public enum ProblemType: String, Sendable, CaseIterable {
    case malformedJSON = "malformed-json"
    case invalidFields = "invalid-fields"
    case unauthorized
    case forbidden
    case notFound = "not-found"
    case methodNotAllowed = "method-not-allowed"
    case duplicate
    case conflict
    case enrolmentRefused = "enrolment-refused"
    case bodyTooLarge = "body-too-large"
    case invitationUnknown = "invitation-unknown"
    case invitationUsed = "invitation-used"
    case invitationExpired = "invitation-expired"
    case tooManyRequests = "too-many-requests"
    case resyncRequired = "resync-required"
    case mutationGap = "mutation-gap"
    case mutationReplayMismatch = "mutation-replay-mismatch"
    case unavailable
    case internalError = "internal-error"

    public var uri: String { "urn:kijkje:problem:\(rawValue)" }

    public var status: Int {
        switch self {
        case .malformedJSON: 400
        case .invalidFields: 422
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound, .invitationUnknown: 404
        case .methodNotAllowed: 405
        case .duplicate, .conflict, .enrolmentRefused, .mutationGap, .mutationReplayMismatch: 409
        case .invitationUsed, .invitationExpired, .resyncRequired: 410
        case .bodyTooLarge: 413
        case .tooManyRequests: 429
        case .unavailable: 503
        case .internalError: 500
        }
    }

    public var title: String {
        switch self {
        case .malformedJSON: "The request body is not valid JSON"
        case .invalidFields: "Some fields are missing or invalid"
        case .unauthorized: "A valid bearer token is required"
        case .forbidden: "This credential may not do this"
        case .notFound: "Not found"
        case .methodNotAllowed: "This method is not allowed here"
        case .duplicate: "This already exists"
        case .conflict: "This conflicts with other data"
        case .enrolmentRefused: "The enrolment breaks a rule"
        case .bodyTooLarge: "The request body is too large"
        case .invitationUnknown: "No such invitation"
        case .invitationUsed: "The invitation was used already"
        case .invitationExpired: "The invitation has expired"
        case .tooManyRequests: "Too many requests"
        case .resyncRequired: "The sync cursor cannot be continued; refetch the scope"
        case .mutationGap: "A mutation id was skipped"
        case .mutationReplayMismatch: "A mutation id was reused for a different change"
        case .unavailable: "The hub cannot reach its store"
        case .internalError: "Something went wrong in the hub"
        }
    }
}
