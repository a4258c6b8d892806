import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// The organiser API for a network's schools, memberships and editions. The network always comes from the token.
struct CatalogueRoutes {
    let store: any HubStore

    struct MembershipDraft: Decodable { var kind: String? }

    func add(to router: Router<HubContext>) {
        let api = router.group("api/v1")
        api.get("tenants") { _, context in
            JSONBody<Items<Tenant>>.list(try await store.tenants(in: try context.organiserNetwork()))
        }
        api.post("tenants") { request, context in
            let networkId = try context.organiserNetwork()
            let draft = try await request.decodeBody(TenantDraft.self, context: context)
            let (tenant, kind) = try draft.validatedWithMembership(id: UUIDv7.make())
            try await store.addTenant(tenant, to: networkId, as: kind, at: Date().roundedToMillis)
            return JSONBody(tenant, status: .created)
        }
        api.get("tenants/:tenantId") { _, context in
            let networkId = try context.organiserNetwork()
            return JSONBody(try await store.tenant(id: try context.parameters.id("tenantId", "school"), in: networkId))
        }
        api.put("tenants/:tenantId") { request, context in
            let networkId = try context.organiserNetwork()
            let id = try context.parameters.id("tenantId", "school")
            _ = try await store.tenant(id: id, in: networkId)
            let tenant = try await request.decodeBody(TenantDraft.self, context: context).validated(id: id)
            try await store.updateTenant(tenant, in: networkId)
            return JSONBody(tenant)
        }
        api.get("memberships") { _, context in
            JSONBody<Items<Membership>>.list(try await store.memberships(in: try context.organiserNetwork()))
        }
        api.put("memberships/:tenantId") { request, context in
            let networkId = try context.organiserNetwork()
            let id = try context.parameters.id("tenantId", "school")
            let draft = try await request.decodeBody(MembershipDraft.self, context: context)
            var v = Validator()
            let kind = v.choice(draft.kind, "kind", as: MembershipKind.self)
            try v.check()
            return JSONBody(try await store.setMembership(tenantId: id, in: networkId, kind: kind ?? .member))
        }
        api.get("editions") { _, context in
            JSONBody<Items<Edition>>.list(try await store.editions(in: try context.organiserNetwork()))
        }
        api.post("editions") { request, context in
            let networkId = try context.organiserNetwork()
            let draft = try await request.decodeBody(EditionDraft.self, context: context)
            let edition = try draft.validated(id: UUIDv7.make(), networkId: networkId)
            try await store.addEdition(edition)
            return JSONBody(edition, status: .created)
        }
        api.get("editions/:editionId") { _, context in
            let networkId = try context.organiserNetwork()
            return JSONBody(try await store.edition(id: try context.parameters.id("editionId", "edition"), in: networkId))
        }
        api.put("editions/:editionId") { request, context in
            let networkId = try context.organiserNetwork()
            let id = try context.parameters.id("editionId", "edition")
            let existing = try await store.edition(id: id, in: networkId)
            let edition = try await request.decodeBody(EditionDraft.self, context: context)
                .validated(id: id, networkId: networkId, allocatedAt: existing.allocatedAt)
            try await store.updateEdition(edition)
            return JSONBody(edition)
        }
        api.delete("editions/:editionId") { _, context in
            let networkId = try context.organiserNetwork()
            try await store.removeEdition(id: try context.parameters.id("editionId", "edition"), in: networkId)
            return Response(status: .noContent)
        }
    }
}
