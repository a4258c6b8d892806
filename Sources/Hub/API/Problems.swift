import Foundation
import HTTPTypes
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync
import Logging
import NIOCore
import NIOHTTP1

/// The problem a request answers for an error, as every door of the hub writes it.
public func problemDetails(for error: any Error) -> ProblemDetails { ProblemMiddleware.problem(for: error) }

/// Turns every error on the way out into an RFC 9457 problem-details response; nothing else leaves the hub as an error.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = HubContext
    let metrics: HubMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error)
            if problem.status >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            // The store failed: it did not answer (503), or answered something this hub cannot read.
            if problem.status == 503 || (error is StoreError && problem.status >= 500) {
                metrics.storeErrors.increment()
            }
            return try Self.response(problem)
        }
    }

    static func response(_ problem: ProblemDetails) throws -> Response {
        let body = try JSONEncoder.hub.encode(problem)
        return Response(
            status: .init(code: problem.status),
            headers: [.contentType: "application/problem+json"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func problem(for error: any Error) -> ProblemDetails {
        switch error {
        case let problem as ProblemDetails:
            return problem
        case let invalid as InvalidInput:
            return ProblemDetails(.invalidFields, detail: invalid.summary, errors: invalid.problems)
        case let error as StoreError:
            return problem(for: error)
        case let refusal as EnrolmentRefusal:
            return ProblemDetails(
                .enrolmentRefused, detail: refusal.message, rule: refusal.rule,
                conflictingSessionId: refusal.conflictingSessionId)
        case let refusal as SyncRefusal:
            switch refusal {
            case .resyncRequired(let scope, let reason):
                return ProblemDetails(.resyncRequired, detail: "scope \(scope): \(reason); pull it again from version 0", scope: scope)
            case .mutationGap(let expected, let got):
                return ProblemDetails(
                    .mutationGap, detail: "mutation \(got) arrived, but the hub expects \(expected) next; send the outbox from there",
                    expectedMutationId: expected)
            case .replayMismatch(let id):
                return ProblemDetails(.mutationReplayMismatch, detail: "mutation \(id) was applied before with a different change")
            }
        case let refusal as InvitationRefusal:
            switch refusal {
            case .unknown:
                return ProblemDetails(.invitationUnknown, detail: "no invitation has this code; ask your organiser for a new one")
            case .used: return ProblemDetails(.invitationUsed, detail: "this code was used already; ask your organiser for a new one")
            case .expired: return ProblemDetails(.invitationExpired, detail: "this code has expired; ask your organiser for a new one")
            }
        case let error as DecodingError:
            return problem(for: error)
        case let error as HTTPParserError:
            return ProblemDetails(.malformedJSON, detail: "the request could not be read: its HTTP framing is broken (\(error))")
        case is NIOTooManyBytesError:
            return ProblemDetails(.bodyTooLarge, detail: "the request body is larger than this hub accepts")
        case let error as HTTPError:
            switch error.status {
            case .contentTooLarge: return ProblemDetails(.bodyTooLarge, detail: "the request body is larger than this hub accepts")
            case .notFound: return ProblemDetails(.notFound, detail: "no such route or object")
            case .methodNotAllowed: return ProblemDetails(.methodNotAllowed, detail: "this route does not take this method")
            case .unauthorized: return ProblemDetails(.unauthorized, detail: error.body ?? "send Authorization: Bearer <token>")
            case .badRequest: return ProblemDetails(.malformedJSON, detail: error.body ?? "the request could not be read")
            default:
                return ProblemDetails(.internalError, detail: error.body ?? "HTTP \(error.status.code)")
            }
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return ProblemDetails(.bodyTooLarge, detail: "the request body is larger than this hub accepts")
        default:
            return ProblemDetails(.internalError, detail: "the error was logged; please try again or tell the hub operator")
        }
    }

    static func problem(for error: StoreError) -> ProblemDetails {
        switch error {
        case .notFound: return ProblemDetails(.notFound, detail: error.detail)
        case .duplicate: return ProblemDetails(.duplicate, detail: error.detail)
        case .conflict: return ProblemDetails(.conflict, detail: error.detail)
        case .invalidReference(let field, let message):
            return ProblemDetails(.invalidFields, detail: error.detail, errors: [FieldProblem(field: field, message: message)])
        case .corrupt: return ProblemDetails(.internalError, detail: error.detail)
        case .unavailable, .contention: return ProblemDetails(.unavailable, detail: error.detail)
        case .refused: return ProblemDetails(.internalError, detail: error.detail)
        }
    }

    static func problem(for error: DecodingError) -> ProblemDetails {
        func field(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\(snake($0.stringValue))" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return ProblemDetails(.malformedJSON, detail: "the body must be a JSON object")
        case .dataCorrupted(let context):
            let name = field(context.codingPath)
            return ProblemDetails(
                .invalidFields, detail: "\(name): \(context.debugDescription)",
                errors: [FieldProblem(field: name, message: context.debugDescription)])
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            if context.codingPath.isEmpty {
                return ProblemDetails(.malformedJSON, detail: "the body must be a JSON object")
            }
            let name = field(context.codingPath)
            let message = "must be \(describe(type))"
            return ProblemDetails(.invalidFields, detail: "\(name): \(message)", errors: [FieldProblem(field: name, message: message)])
        case .keyNotFound(let key, let context):
            let name = field(context.codingPath + [key])
            return ProblemDetails(
                .invalidFields, detail: "\(name): is required", errors: [FieldProblem(field: name, message: "is required")])
        @unknown default:
            return ProblemDetails(.malformedJSON, detail: "the body could not be read")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is UUID.Type: "an id (UUID)"
        case is Date.Type: "a time like 2026-11-17T09:00:00Z"
        default: "of another type (\(type))"
        }
    }

    /// camelCase property names back to the snake_case of the wire.
    static func snake(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
    }
}
