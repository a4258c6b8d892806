import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// The organiser API for the network's schools, their membership and their people.
struct SchoolRoutes {
    let operations: Operations
    var store: any HubStore { operations.store }

    struct MembershipDraft: Codable { var kind: String? }

    func add(to api: RouterGroup<OrganiserContext>) {
        api.get("tenants", use: list)
        api.post("tenants", use: create)
        api.get("tenants/:tenantId", use: show)
        api.put("tenants/:tenantId", use: update)
        api.get("memberships", use: memberships)
        api.put("memberships/:tenantId", use: setMembership)
        api.get("tenants/:tenantId/people", use: people)
        api.post("tenants/:tenantId/people", use: addPerson)
        api.get("tenants/:tenantId/people/:personId", use: person)
        api.put("tenants/:tenantId/people/:personId", use: updatePerson)
        api.delete("tenants/:tenantId/people/:personId", use: removePerson)
    }

    @Sendable func list(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Items<Tenant>> {
        .list(try await store.tenants(in: context.caller.networkId))
    }

    @Sendable func create(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Tenant> {
        let draft = try await request.decodeBody(TenantDraft.self, context: context)
        return JSONBody(try await operations.addTenant(draft, by: context.caller, at: context.now), status: .created)
    }

    @Sendable func show(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Tenant> {
        JSONBody(try await store.tenant(id: try context.parameters.id("tenantId", "school"), in: context.caller.networkId))
    }

    @Sendable func update(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Tenant> {
        let id = try context.parameters.id("tenantId", "school")
        _ = try await store.tenant(id: id, in: context.caller.networkId)
        let draft = try await request.decodeBody(TenantDraft.self, context: context)
        return JSONBody(try await operations.updateTenant(id: id, draft, by: context.caller))
    }

    @Sendable func memberships(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Items<Membership>> {
        .list(try await store.memberships(in: context.caller.networkId))
    }

    @Sendable func setMembership(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Membership> {
        let id = try context.parameters.id("tenantId", "school")
        let draft = try await request.decodeBody(MembershipDraft.self, context: context)
        return JSONBody(try await operations.setMembership(tenantId: id, kind: draft.kind, by: context.caller))
    }

    @Sendable func people(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Items<Person>> {
        .list(try await store.people(tenantId: try context.parameters.id("tenantId", "school"), in: context.caller.networkId))
    }

    @Sendable func addPerson(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Person> {
        let tenantId = try context.parameters.id("tenantId", "school")
        _ = try await store.tenant(id: tenantId, in: context.caller.networkId)
        let draft = try await request.decodeBody(PersonDraft.self, context: context)
        return JSONBody(try await operations.addPerson(tenantId: tenantId, draft, by: context.caller, at: context.now), status: .created)
    }

    @Sendable func person(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Person> {
        let tenantId = try context.parameters.id("tenantId", "school"), id = try context.parameters.id("personId", "person")
        return JSONBody(try await store.person(id: id, tenantId: tenantId, in: context.caller.networkId))
    }

    @Sendable func updatePerson(_ request: Request, context: OrganiserContext) async throws -> JSONBody<Person> {
        let tenantId = try context.parameters.id("tenantId", "school"), id = try context.parameters.id("personId", "person")
        _ = try await store.tenant(id: tenantId, in: context.caller.networkId)
        _ = try await store.person(id: id, tenantId: tenantId, in: context.caller.networkId)
        let draft = try await request.decodeBody(PersonDraft.self, context: context)
        return JSONBody(try await operations.updatePerson(tenantId: tenantId, id: id, draft, by: context.acting, at: context.now))
    }

    @Sendable func removePerson(_ request: Request, context: OrganiserContext) async throws -> Response {
        let tenantId = try context.parameters.id("tenantId", "school"), id = try context.parameters.id("personId", "person")
        try await operations.removePerson(tenantId: tenantId, id: id, by: context.caller, at: context.now)
        return Response(status: .noContent)
    }
}
