import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// Networks and tokens: the operator creates networks and their organisers' tokens; organisers see their own.
struct OperatorRoutes {
    let store: any HubStore

    struct TokenDraft: Decodable { var label: String? }
    struct OrganiserDraft: Decodable { var email: String?; var name: String? }
    struct Organiser: Encodable, Sendable { var email: String; var name: String }

    func add(to router: Router<HubContext>) {
        let api = router.group("api/v1")
        api.post("networks") { request, context in
            try context.requireOperator()
            let draft = try await request.decodeBody(NetworkDraft.self, context: context)
            let network = try draft.validated(id: UUIDv7.make(), now: Date().roundedToMillis)
            try await store.addNetwork(network)
            return JSONBody(network, status: .created)
        }
        api.get("networks") { _, context in
            switch try context.authenticated() {
            case .operatorAccount: return JSONBody<Items<Network>>.list(try await store.networks())
            case .organiser(let networkId): return .list([try await store.network(id: networkId)])
            case .agent: throw ProblemDetails(.forbidden, detail: "agents use the sync API")
            }
        }
        api.get("networks/:networkId") { _, context in
            let id = try context.parameters.id("networkId", "network")
            switch try context.authenticated() {
            case .operatorAccount: return JSONBody(try await store.network(id: id))
            case .organiser(let own) where own == id: return JSONBody(try await store.network(id: id))
            default: throw ProblemDetails(.notFound, detail: "no network with this id")
            }
        }
        api.post("networks/:networkId/organiser-tokens") { request, context in
            try context.requireOperator()
            let networkId = try context.parameters.id("networkId", "network")
            let draft = try await request.decodeBody(TokenDraft.self, context: context)
            var v = Validator()
            let label = v.text(draft.label, "label")
            try v.check()
            _ = try await store.network(id: networkId)
            return JSONBody(try await IssuedToken.issue(.organiser, networkId: networkId, label: label, in: store), status: .created)
        }
        api.get("tokens") { _, context in
            switch try context.authenticated() {
            case .operatorAccount: return JSONBody<Items<Credential>>.list(try await store.credentials(networkId: nil))
            case .organiser(let networkId): return .list(try await store.credentials(networkId: networkId))
            case .agent: throw ProblemDetails(.forbidden, detail: "agents use the sync API")
            }
        }
        api.delete("tokens/:tokenId") { _, context in
            let id = try context.parameters.id("tokenId", "token")
            switch try context.authenticated() {
            case .operatorAccount: break
            case .organiser(let networkId):
                guard try await store.credentials(networkId: networkId).contains(where: { $0.id == id }) else {
                    throw ProblemDetails(.notFound, detail: "no token with this id")
                }
            case .agent: throw ProblemDetails(.forbidden, detail: "agents use the sync API")
            }
            return JSONBody(try await store.revokeCredential(id: id, at: Date().roundedToMillis))
        }
        // The people who organise the network in the portal (they sign in by mail like staff).
        api.get("organisers") { _, context in
            JSONBody<Items<Organiser>>.list(try await store.organisers(networkId: try context.organiserNetwork()).map {
                Organiser(email: $0.email, name: $0.name)
            })
        }
        api.post("organisers") { request, context in
            let networkId = try context.organiserNetwork()
            let draft = try await request.decodeBody(OrganiserDraft.self, context: context)
            var v = Validator()
            let email = v.text(draft.email, "email").lowercased(), name = v.text(draft.name, "name")
            if draft.email != nil && !Person.looksLikeMailAddress(email) { v.fail("email", "is not a mail address") }
            if let school = try await store.signInIdentity(email: email).schoolNetworkId, school != networkId {
                v.fail("email", "belongs to a school of another network; use an address of this network's schools or of the organisation")
            }
            try v.check()
            try await store.addOrganiser(email: email, name: name, networkId: networkId)
            return JSONBody(Organiser(email: email, name: name), status: .created)
        }
    }
}
