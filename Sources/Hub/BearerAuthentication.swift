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

    /// Only the hub operator may do this.
    func requireOperator() throws(ProblemDetails) {
        guard try authenticated() == .operatorAccount else {
            throw ProblemDetails(.forbidden, detail: "this needs an operator token (kijkje-hub token create --operator)")
        }
    }

    /// The school an agent speaks for; organisers and operators are refused.
    func agent() throws(ProblemDetails) -> AgentIdentity {
        guard case .agent(let tenantId, let networkId) = try authenticated(), let credentialId else {
            throw ProblemDetails(.forbidden, detail: "this needs a school agent's token (kijkje-agent join)")
        }
        return AgentIdentity(credentialId: credentialId, tenantId: tenantId, networkId: networkId)
    }

    /// The network an organiser acts in; operators and agents are refused.
    func organiserNetwork() throws(ProblemDetails) -> UUID {
        guard case .organiser(let networkId) = try authenticated() else {
            throw ProblemDetails(.forbidden, detail: "this needs an organiser token of the network")
        }
        return networkId
    }
}

extension Request {
    /// The JSON body as `T`, with problems named by field (not Hummingbird's generic 400).
    func decodeBody<T: Decodable>(_ type: T.Type, context: HubContext) async throws -> T {
        try await context.requestDecoder.decode(T.self, from: self, context: context)
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
