import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// Reads `Authorization: Bearer <token>` and sets the request's principal from the stored credential.
/// A request without a header stays anonymous (the routes decide); a header with a bad token is refused here.
struct BearerAuthentication: RouterMiddleware {
    typealias Context = HubContext
    let store: any HubStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard header.lowercased().hasPrefix("bearer "), case let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces),
            !token.isEmpty
        else { throw ProblemDetails(.unauthorized, detail: "the Authorization header must be 'Bearer <token>'") }
        guard let credential = try await store.useCredential(tokenHash: Secret.hash(token), at: Date().roundedToMillis),
            let principal = credential.principal
        else { throw ProblemDetails(.unauthorized, detail: "the token is unknown or was revoked") }
        var context = context
        context.principal = principal
        context.credentialId = credential.id
        return try await next(request, context)
    }
}

extension HubContext {
    /// The principal, or 401 for an anonymous request.
    func authenticated() throws(ProblemDetails) -> Principal {
        guard let principal else { throw ProblemDetails(.unauthorized, detail: "send Authorization: Bearer <token>") }
        return principal
    }
}

extension Parameters {
    /// A UUID path parameter; a malformed one is an unknown id.
    func id(_ name: String, _ what: String) throws(ProblemDetails) -> UUID {
        guard let text = get(name), let id = UUID(uuidString: text) else {
            throw ProblemDetails(.notFound, detail: "no \(what) with this id")
        }
        return id
    }
}
