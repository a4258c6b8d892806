import Foundation
import Hummingbird
import HubStore
import KijkjeDomain
import KijkjeSync

/// The organiser API for people of a school in the network.
struct PeopleRoutes {
    let store: any HubStore

    func add(to router: Router<HubContext>) {
        let people = router.group("api/v1/tenants/:tenantId/people")
        people.get { _, context in
            let networkId = try context.organiserNetwork()
            return JSONBody<Items<Person>>.list(try await store.people(tenantId: try context.parameters.id("tenantId", "school"), in: networkId))
        }
        people.post { request, context in
            let networkId = try context.organiserNetwork()
            let tenant = try await store.tenant(id: try context.parameters.id("tenantId", "school"), in: networkId)
            let person = try await request.decodeBody(PersonDraft.self, context: context).validated(id: UUIDv7.make(), tenant: tenant)
            try await store.addPerson(person, in: networkId)
            return JSONBody(person, status: .created)
        }
        people.get(":personId") { _, context in
            let networkId = try context.organiserNetwork()
            let tenantId = try context.parameters.id("tenantId", "school")
            let id = try context.parameters.id("personId", "person")
            return JSONBody(try await store.person(id: id, tenantId: tenantId, in: networkId))
        }
        people.put(":personId") { request, context in
            let networkId = try context.organiserNetwork()
            let tenant = try await store.tenant(id: try context.parameters.id("tenantId", "school"), in: networkId)
            let existing = try await store.person(id: try context.parameters.id("personId", "person"), tenantId: tenant.id, in: networkId)
            let person = try await request.decodeBody(PersonDraft.self, context: context).validated(id: existing.id, tenant: tenant)
            try await store.updatePerson(person, in: networkId)
            return JSONBody(person)
        }
        people.delete(":personId") { _, context in
            let networkId = try context.organiserNetwork()
            let tenantId = try context.parameters.id("tenantId", "school")
            try await store.removePerson(id: try context.parameters.id("personId", "person"), tenantId: tenantId, in: networkId)
            return Response(status: .noContent)
        }
    }
}
