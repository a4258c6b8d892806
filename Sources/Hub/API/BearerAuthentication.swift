import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// Reads `Authorization: Bearer <token>` and sets the request's principal from the stored credential.
/// A request without a header stays anonymous (the routes decide); a header with a bad token is refused here.
/// A credential that was found is remembered while nothing changes (`FeedCache`: a revocation ends it at once, in
/// every hub process on PostgreSQL as soon as the notification arrives).
struct BearerAuthentication: RouterMiddleware {
    typealias Context = HubContext
    let store: any HubStore
    let known: FeedCache<String, Credential>

    init(store: any HubStore) {
        self.store = store
        // A credential rests on the credentials and memberships alone: enrolments leave it known.
        known = FeedCache(feed: store.feed, restsOnAccess: true)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard header.lowercased().hasPrefix("bearer "), case let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces),
            !token.isEmpty
        else { throw ProblemDetails(.unauthorized, detail: "the Authorization header must be 'Bearer <token>'") }
        guard let credential = try await credential(hash: Secret.hash(token)), let principal = credential.principal else {
            throw ProblemDetails(.unauthorized, detail: "the token is unknown or was revoked")
        }
        var context = context
        context.principal = principal
        context.credentialId = credential.id
        return try await next(request, context)
    }

    /// The live credential of a token's hash: remembered, or read (and remembered) from the store.
    private func credential(hash: String) async throws -> Credential? {
        if let remembered = known.value(for: hash) { return remembered }
        let generation = known.generation
        guard let found = try await store.useCredential(tokenHash: hash, at: Date().roundedToMillis) else { return nil }
        known.remember(found, for: hash, readSince: generation)
        return found
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
