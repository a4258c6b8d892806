import Agent
import Foundation
import HubStore
import KijkjeDomain
import KijkjeSync

/// The career week played through the hub's front doors: the organiser through the organiser API, every school
/// through its agent and the sync protocol. Staff actions that belong to the staff portal (entering oneself,
/// ranking, asking to shadow, answering a proposal) are made through the organiser API on their behalf.
struct DemoWeek {
    let plan: DemoPlan
    let hub: URL
    let seed: UInt64
    let folder: URL
    let width: Int
    var organiser: HubClient! = nil
    var organiserToken = ""
    var network: Network! = nil
    var edition: Edition! = nil
    var kickoff: Session! = nil
    var tenants: [Tenant] = []
    var agents: [DemoAgent] = []
    var workshopIds: [UUID] = []
    var people: [Person] = []
    var allocation: AllocationRun! = nil
    var shadowRounds: [ShadowMatchingRun] = []
    var declined = 0

    struct Label: Encodable { var label: String }
    struct InvitationRequest: Encodable { var tenantId: UUID }
    struct IssuedInvitation: Decodable { var code: String }
    struct IssuedToken: Decodable { var token: String }
    struct Choices: Encodable { var tenantId: UUID; var personId: UUID; var sessionIds: [UUID] }
    struct Seeded: Encodable { var seed: Int }
    struct Answer: Encodable { var side: String }
    struct Listing<Item: Decodable>: Decodable { var items: [Item] }

    /// Network, schools, the 2026 edition with its kickoff, one invitation per school.
    mutating func setUp(operatorToken: String) async throws -> [String] {
        let operatorClient = try HubClient(hub: hub, token: operatorToken, caCertificatePath: nil)
        do {
            network = try await operatorClient.call(
                .POST, "api/v1/networks", NetworkDraft(name: "Stichting Gelderse Scholen"), as: Network.self)
            let token = try await operatorClient.call(
                .POST, "api/v1/networks/\(network.id)/organiser-tokens",
                Label(label: "loopbaancentrum"), as: IssuedToken.self)
            organiserToken = token.token
            try await operatorClient.shutdown()
        } catch {
            try? await operatorClient.shutdown()
            throw error
        }
        organiser = try HubClient(hub: hub, token: organiserToken, caCertificatePath: nil)
        let organiser = self.organiser!
        tenants = try await concurrently(plan.schools, width: width) { school in
            try await organiser.call(
                .POST, "api/v1/tenants",
                TenantDraft(
                    name: school.name, brin: school.brin, town: school.town, latitude: school.latitude, longitude: school.longitude,
                    emailDomains: [school.domain], membership: school.kind.rawValue), as: Tenant.self)
        }
        let now = Date().roundedToMillis
        edition = try await organiser.call(
            .POST, "api/v1/editions",
            EditionDraft(
                year: 2026, days: plan.days, registrationOpensAt: now.addingTimeInterval(-3600),
                registrationClosesAt: now.addingTimeInterval(14 * 86_400), allocationMode: AllocationMode.ranked.rawValue,
                claimWindowHours: 24, matchingDeadline: now.addingTimeInterval(21 * 86_400)), as: Edition.self)
        kickoff = try await organiser.call(
            .POST, "api/v1/sessions",
            SessionDraft(
                editionId: edition.id, tenantId: tenants[0].id, kind: SessionKind.kickoff.rawValue, title: "Aftrap Kijkje 2026",
                description: "De opening van de week: waarom we bij elkaar in de keuken kijken.",
                presenter: "Sanne de Vries (voorzitter college van bestuur), Ahmed El Amrani (loopbaancentrum)",
                location: "Aula, \(tenants[0].name)", startsAt: time(0, slot: 0).start, endsAt: time(0, slot: 0).end,
                capacity: plan.kickoffCapacity, visibility: Visibility.all.rawValue, topics: ["opening"]), as: Session.self)
        return try await concurrently(tenants, width: width) { tenant in
            try await organiser.call(.POST, "api/v1/invitations", InvitationRequest(tenantId: tenant.id), as: IssuedInvitation.self).code
        }
    }

    /// Every school joins with its code, imports its HR export and publishes its workshops and shadow offers;
    /// then every agent pulls what the others published.
    mutating func publish(codes: [String]) async throws {
        let (plan, hub, folder, edition) = (self.plan, self.hub, self.folder, self.edition!)
        let tenants = self.tenants
        let joined = try await concurrently(Array(plan.schools.indices), width: width) { index in
            let agent = try await DemoAgent.join(
                index, tenant: tenants[index], staffCSV: DemoPlan.staffCSV(plan.schools[index].staff),
                hub: hub, code: codes[index], in: folder)
            try await agent.sync()
            var ids: [Int: UUID] = [:]
            for (number, workshop) in plan.workshops.enumerated() where workshop.school == index {
                let slot = Self.time(plan, workshop.day, slot: workshop.slot)
                ids[number] = try agent.admin.putWorkshop(
                    SessionDraft(
                        editionId: edition.id, tenantId: nil, title: workshop.title,
                        description: "Een workshop van \(tenants[index].name) over \(workshop.topics.joined(separator: " en ")).",
                        presenter: workshop.presenter, location: "\(workshop.location), \(tenants[index].name)",
                        startsAt: slot.start, endsAt: slot.end, capacity: workshop.capacity, visibility: workshop.visibility.rawValue,
                        topics: workshop.topics))
            }
            for offer in plan.offers where offer.school == index {
                try agent.admin.putOffer(
                    hostEmail: offer.host.email,
                    ShadowOfferDraft(
                        editionId: edition.id, tenantId: nil, hostPersonId: nil, role: nil, subjects: nil,
                        schoolType: plan.schools[index].type.rawValue, days: offer.days.map { plan.days[$0] }, capacity: offer.capacity,
                        visibility: offer.visibility.rawValue))
            }
            try await agent.sync()
            return (agent, ids)
        }
        agents = joined.map(\.0)
        let ids = joined.reduce(into: [Int: UUID]()) { $0.merge($1.1) { first, _ in first } }
        workshopIds = plan.workshops.indices.map { ids[$0]! }
        try await syncAll()
    }

    /// Participants are entered, rank their choices and ask to shadow; then the ranked allocation runs.
    mutating func rankAndRequest() async throws {
        let (plan, tenants, organiser, edition, workshopIds) = (self.plan, self.tenants, self.organiser!, self.edition!, self.workshopIds)
        let bySchool = Dictionary(grouping: plan.participants.indices, by: { plan.participants[$0].school })
        let entered = try await concurrently(Array(bySchool), width: width) { school, indices in
            let tenant = tenants[school]
            // Hosts of shadow offers came to the hub with their offers; the rest is entered now.
            var known = Dictionary(
                try await organiser.call(.GET, "api/v1/tenants/\(tenant.id)/people", as: Listing<Person>.self).items
                    .map { ($0.email, $0) }, uniquingKeysWith: { first, _ in first })
            var people: [(Int, Person)] = []
            for index in indices {
                let participant = plan.participants[index]
                let person: Person
                if let existing = known[participant.member.email] {
                    person = existing
                } else {
                    person = try await organiser.call(
                        .POST, "api/v1/tenants/\(tenant.id)/people",
                        PersonDraft(
                            name: participant.member.name, email: participant.member.email, role: participant.member.role), as: Person.self)
                    known[person.email] = person
                }
                if !participant.ranked.isEmpty {
                    _ = try await organiser.call(
                        .PUT, "api/v1/editions/\(edition.id)/choices",
                        Choices(
                            tenantId: tenant.id, personId: person.id, sessionIds: participant.ranked.map { workshopIds[$0] }),
                        as: RankedChoices.self)
                }
                if let wish = participant.shadow {
                    _ = try await organiser.call(
                        .POST, "api/v1/shadow-requests",
                        ShadowRequestDraft(
                            editionId: edition.id, tenantId: tenant.id, personId: person.id, roles: wish.roles.map(\.rawValue),
                            schoolTypes: wish.schoolTypes.map(\.rawValue), ownSchoolAllowed: false, maxDistanceKm: wish.maxDistanceKm,
                            days: wish.days.map { plan.days[$0] }, motivation: wish.motivation), as: ShadowRequest.self)
                }
                people.append((index, person))
            }
            return people
        }
        people = entered.flatMap { $0 }.sorted { $0.0 < $1.0 }.map(\.1)
        allocation = try await organiser.call(
            .POST, "api/v1/editions/\(edition.id)/allocation", Seeded(seed: Int(seed % 2_000_000_000)),
            as: AllocationRun.self, timeout: .seconds(1800))
    }

    /// First come, first served: each school's agent enrols its participants in the kickoff and in more workshops,
    /// all agents pushing at once; then everyone pulls the outcome.
    func enrolFirstComeFirstServed() async throws {
        let (plan, workshopIds, kickoff) = (self.plan, self.workshopIds, self.kickoff!)
        try await syncAll()
        _ = try await concurrently(agents, width: width) { agent in
            for participant in plan.participants where participant.school == agent.school {
                if participant.kickoff { try agent.admin.enrol(email: participant.member.email, session: kickoff.id.uuidString) }
                for workshop in participant.direct {
                    try agent.admin.enrol(email: participant.member.email, session: workshopIds[workshop].uuidString)
                }
            }
            try await agent.sync()
        }
        try await syncAll()
    }

    /// Matching runs; both sides answer each proposal (a few say no); a second run offers the declined ones
    /// something else, and those proposals are accepted.
    mutating func matchShadowDays() async throws {
        var random = DemoRandom(seed: seed &+ 7)
        // One requester never answers (their proposal stays open, and its reminders go out later).
        var silent: Set<UUID> = []
        for round in 0..<2 {
            shadowRounds.append(
                try await organiser.call(
                    .POST, "api/v1/editions/\(edition.id)/shadow-matching",
                    Seeded(seed: Int(seed % 1_000_000) + round), as: ShadowMatchingRun.self,
                    timeout: .seconds(1800)))
            let proposals = try await organiser.call(.GET, "api/v1/editions/\(edition.id)/shadow-matches", as: Listing<ShadowMatch>.self)
                .items.filter { $0.state == .proposed }.sorted { $0.requestId.uuidString < $1.requestId.uuidString }
            var answers: [(UUID, String, Bool)] = []
            for proposal in proposals {
                if round == 0 && silent.isEmpty { silent.insert(proposal.requestId) }
                if silent.contains(proposal.requestId) { continue }
                let no = round == 0 && random.chance(0.08)
                let sayer = random.chance(0.5) ? ShadowSide.requester : .host
                answers.append((proposal.id, sayer.rawValue, !no))
                if !no { answers.append((proposal.id, (sayer == .host ? ShadowSide.requester : .host).rawValue, true)) }
            }
            let organiser = self.organiser!
            _ = try await concurrently(Array(Dictionary(grouping: answers, by: \.0).values), width: width) { pair in
                for (id, side, yes) in pair {
                    _ = try await organiser.call(
                        .POST, "api/v1/shadow-matches/\(id)/\(yes ? "accept" : "decline")", Answer(side: side),
                        as: ShadowMatch.self)
                }
            }
            declined += answers.filter { !$0.2 }.count
        }
    }

    func syncAll() async throws { _ = try await concurrently(agents, width: width) { try await $0.sync() } }

    func close() async {
        for agent in agents { await agent.close() }
        try? await organiser?.shutdown()
    }

    func time(_ day: Int, slot: Int) -> (start: Date, end: Date) { Self.time(plan, day, slot: slot) }

    /// A slot of a day of the week as times, in the network's time zone.
    static func time(_ plan: DemoPlan, _ day: Int, slot: Int) -> (start: Date, end: Date) {
        let d = plan.days[day], (h1, m1, h2, m2) = DemoPlan.slots[slot]
        let calendar = Calendar.networkCalendar
        return (calendar.date(d, hour: h1, minute: m1), calendar.date(d, hour: h2, minute: m2))
    }
}
