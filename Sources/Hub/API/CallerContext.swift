import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// How a group of routes learns who is calling, from what the hub's middleware put in the request's context (a
/// bearer token's principal, a portal session). It refuses whoever the group does not admit.
protocol Door {
    associatedtype Caller: Sendable
    static func caller(of context: HubContext) throws -> Caller
}

/// The request context of a route group that admits one kind of caller: the caller is established once, when the
/// request enters the group, and every handler of the group receives it typed, with the time of the request.
struct CallerContext<Entry: Door>: ChildRequestContext {
    typealias ParentContext = HubContext
    var hub: HubContext
    let caller: Entry.Caller
    /// The request's time, as every operation it starts stamps it.
    let now: Date

    init(context: HubContext) throws {
        hub = context
        caller = try Entry.caller(of: context)
        now = Date().roundedToMillis
    }

    var coreContext: CoreRequestContextStorage {
        get { hub.coreContext }
        set { hub.coreContext = newValue }
    }

    var maxUploadSize: Int { hub.maxUploadSize }
    var requestDecoder: JSONDecoder { .hub }
    var responseEncoder: JSONEncoder { .hub }
    var visitor: PortalVisitor { hub.visitor }
    var serverAddress: String? { hub.serverAddress }
}

/// API routes for the hub operator's token.
enum OperatorDoor: Door {
    static func caller(of context: HubContext) throws -> Operator {
        guard try context.authenticated() == .operatorAccount else {
            throw ProblemDetails(.forbidden, detail: "this needs an operator token (kijkje-hub token create --operator)")
        }
        return Operator()
    }
}

/// API routes for an organiser's token: the network comes from the token, never from the request.
enum OrganiserDoor: Door {
    static func caller(of context: HubContext) throws -> Organiser {
        guard case .organiser(let networkId) = try context.authenticated() else {
            throw ProblemDetails(.forbidden, detail: "this needs an organiser token of the network")
        }
        return Organiser(networkId: networkId)
    }
}

/// API routes for any valid token (the handler answers each kind of caller for itself).
enum TokenDoor: Door {
    static func caller(of context: HubContext) throws -> Principal { try context.authenticated() }
}

/// The sync API: a school's agent, the school from its credential.
enum AgentDoor: Door {
    static func caller(of context: HubContext) throws -> AgentIdentity {
        guard case .agent(let tenantId, let networkId) = try context.authenticated(), let credentialId = context.credentialId else {
            throw ProblemDetails(.forbidden, detail: "this needs a school agent's token (kijkje-agent join)")
        }
        return AgentIdentity(credentialId: credentialId, tenantId: tenantId, networkId: networkId)
    }
}

/// Portal pages for a signed-in staff member (a sign-in page otherwise).
enum StaffDoor: Door {
    static func caller(of context: HubContext) throws -> Staff {
        guard let session = context.visitor.session, let tenantId = session.tenantId, let personId = session.personId else {
            throw PortalRefusal.signInFirst
        }
        return Staff(tenantId: tenantId, personId: personId, networkId: session.networkId)
    }
}

/// The organisers' pages: a signed-in organiser (a sign-in page, or 403 for staff).
enum OrganiserPageDoor: Door {
    static func caller(of context: HubContext) throws -> Organiser {
        guard let session = context.visitor.session else { throw PortalRefusal.signInFirst }
        guard session.organiser else { throw PortalRefusal.notOrganiser }
        return Organiser(networkId: session.networkId)
    }
}

typealias OperatorContext = CallerContext<OperatorDoor>
typealias OrganiserContext = CallerContext<OrganiserDoor>
typealias TokenContext = CallerContext<TokenDoor>
typealias AgentContext = CallerContext<AgentDoor>
typealias StaffPageContext = CallerContext<StaffDoor>
typealias OrganiserPageContext = CallerContext<OrganiserPageDoor>

extension CallerContext where Entry == StaffDoor {
    /// The staff member, as one who acts on their own things.
    var acting: Acting { .staff(caller) }
}

extension CallerContext where Entry == OrganiserDoor {
    var acting: Acting { .organiser(caller) }
}

extension CallerContext where Entry == OrganiserPageDoor {
    var acting: Acting { .organiser(caller) }
}
