import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// Networks, tokens and organisers: the operator creates networks and their organisers' tokens; organisers see
/// their own network and tokens and add the addresses that may sign in to the organiser pages.
struct NetworkRoutes {
    let operations: Operations
    var store: any HubStore { operations.store }

    struct TokenDraft: Codable { var label: String? }
    struct OrganiserDraft: Codable { var email: String?; var name: String? }
    struct OrganiserAddress: Encodable, Sendable { var email: String; var name: String }

    func add(operator api: RouterGroup<OperatorContext>, anyone: RouterGroup<TokenContext>, organiser: RouterGroup<OrganiserContext>) {
        api.post("networks", use: createNetwork)
        api.post("networks/:networkId/organiser-tokens", use: createOrganiserToken)
        anyone.get("networks", use: listNetworks)
        anyone.get("networks/:networkId", use: showNetwork)
        anyone.get("tokens", use: listTokens)
        anyone.delete("tokens/:tokenId", use: revokeToken)
        organiser.get("organisers", use: listOrganisers)
        organiser.post("organisers", use: addOrganiser)
    }

    @Sendable func createNetwork(_ request: Request, context: OperatorContext) async throws -> JSONBody<Network> {
        let draft = try await request.decodeBody(NetworkDraft.self, context: context)
        return JSONBody(try await operations.addNetwork(draft, by: context.caller, at: context.now), status: .created)
    }

    @Sendable func createOrganiserToken(_ request: Request, context: OperatorContext) async throws -> JSONBody<IssuedToken> {
        let networkId = try context.parameters.id("networkId", "network")
        let draft = try await request.decodeBody(TokenDraft.self, context: context)
        return JSONBody(
            try await operations.issueOrganiserToken(networkId: networkId, label: draft.label, by: context.caller, at: context.now),
            status: .created)
    }

    @Sendable func listNetworks(_ request: Request, context: TokenContext) async throws -> JSONBody<Items<Network>> {
        switch context.caller {
        case .operatorAccount: return .list(try await store.networks())
        case .organiser(let networkId): return .list([try await store.network(id: networkId)])
        case .agent: throw ProblemDetails(.forbidden, detail: "agents use the sync API")
        }
    }

    @Sendable func showNetwork(_ request: Request, context: TokenContext) async throws -> JSONBody<Network> {
        let id = try context.parameters.id("networkId", "network")
        switch context.caller {
        case .operatorAccount: return JSONBody(try await store.network(id: id))
        case .organiser(let own) where own == id: return JSONBody(try await store.network(id: id))
        default: throw ProblemDetails(.notFound, detail: "no network with this id")
        }
    }

    @Sendable func listTokens(_ request: Request, context: TokenContext) async throws -> JSONBody<Items<Credential>> {
        switch context.caller {
        case .operatorAccount: return .list(try await store.credentials(networkId: nil))
        case .organiser(let networkId): return .list(try await store.credentials(networkId: networkId))
        case .agent: throw ProblemDetails(.forbidden, detail: "agents use the sync API")
        }
    }

    @Sendable func revokeToken(_ request: Request, context: TokenContext) async throws -> JSONBody<Credential> {
        let id = try context.parameters.id("tokenId", "token")
        switch context.caller {
        case .operatorAccount: return JSONBody(try await operations.revokeToken(id: id, by: nil, at: context.now))
        case .organiser(let networkId):
            return JSONBody(try await operations.revokeToken(id: id, by: Organiser(networkId: networkId), at: context.now))
        case .agent: throw ProblemDetails(.forbidden, detail: "agents use the sync API")
        }
    }

    @Sendable func listOrganisers(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Items<OrganiserAddress>> {
        .list(try await store.organisers(networkId: context.caller.networkId).map { OrganiserAddress(email: $0.email, name: $0.name) })
    }

    @Sendable func addOrganiser(_ request: Request, context: OrganiserContext) async throws -> JSONBody<OrganiserAddress> {
        let draft = try await request.decodeBody(OrganiserDraft.self, context: context)
        let added = try await operations.addOrganiser(email: draft.email, name: draft.name, by: context.caller)
        return JSONBody(OrganiserAddress(email: added.email, name: added.name), status: .created)
    }
}
