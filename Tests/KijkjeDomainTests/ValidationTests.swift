import Foundation
import KijkjeDomain
import Testing

@Suite("Validation")
struct ValidationTests {
    static let edition = Edition(
        id: UUID(), networkId: UUID(), year: 2026, days: ["2026-11-17", "2026-11-18"].compactMap(Day.init),
        registrationOpensAt: Date(timeIntervalSince1970: 0), registrationClosesAt: Date(timeIntervalSince1970: 1),
        allocationMode: .fcfs, claimWindowHours: 24, matchingDeadline: Date(timeIntervalSince1970: 2))

    @Test("days must exist on the calendar", arguments: ["2026-02-29", "2026-13-01", "2026-1-01", "26-11-17", "2026-11-31", ""])
    func invalidDays(text: String) {
        #expect(Day(text) == nil)
    }

    @Test("leap days exist in leap years only")
    func leapDays() {
        #expect(Day("2028-02-29") != nil)
        #expect(Day("2100-02-29") == nil)
        #expect(Day("2000-02-29")?.description == "2000-02-29")
    }

    @Test("an empty draft names every required field at once")
    func everyMissingFieldIsNamed() {
        let draft = SessionDraft(editionId: nil, tenantId: nil, title: nil, location: nil, startsAt: nil, endsAt: nil, capacity: nil)
        #expect(throws: InvalidInput.self) { try draft.validated(id: UUID(), edition: nil) }
        do {
            _ = try draft.validated(id: UUID(), edition: nil)
        } catch {
            #expect(
                Set(error.problems.map(\.field)) == ["edition_id", "tenant_id", "title", "location", "starts_at", "ends_at", "capacity"])
        }
    }

    @Test("a session is trimmed, defaults to a network-wide workshop, and must fall on an edition day")
    func sessionRules() throws {
        let start = try Date("2026-11-17T08:30:00Z", strategy: .iso8601)
        var draft = SessionDraft(
            editionId: UUID(), tenantId: UUID(), title: "  Leren van elkaar ", location: "Aula",
            startsAt: start, endsAt: start.addingTimeInterval(3600), capacity: 25,
            topics: ["Didactiek", "didactiek", "Leiderschap"])
        let session = try draft.validated(id: UUID(), edition: Self.edition)
        #expect(session.title == "Leren van elkaar")
        #expect(session.kind == .workshop)
        #expect(session.visibility == .network)
        #expect(session.topics == ["Didactiek", "Leiderschap"])
        draft.startsAt = try Date("2026-11-20T08:30:00Z", strategy: .iso8601)
        draft.endsAt = draft.startsAt?.addingTimeInterval(3600)
        #expect(throws: InvalidInput(field: "starts_at", message: "must fall on one of the edition's days (2026-11-17, 2026-11-18)")) {
            try draft.validated(id: UUID(), edition: Self.edition)
        }
    }

    @Test("a school needs a BRIN code, coordinates and mail domains in the right shape")
    func tenantRules() throws {
        let good = TenantDraft(
            name: "Het Baken", brin: "20ab", town: "Almere", latitude: 52.37, longitude: 5.21,
            emailDomains: ["HetBaken.nl"], headCounts: ["teacher": 80])
        let tenant = try good.validated(id: UUID())
        #expect(tenant.brin == "20AB")
        #expect(tenant.emailDomains == ["hetbaken.nl"])
        #expect(tenant.owns(email: "Jan@HETBAKEN.nl"))
        #expect(!tenant.owns(email: "jan@elders.nl"))
        let bad = TenantDraft(
            name: "", brin: "2AB", town: "Almere", latitude: 95, longitude: 5.21, emailDomains: [],
            headCounts: ["janitor": 3], membership: "friend")
        do {
            _ = try bad.validatedWithMembership(id: UUID())
            Issue.record("an invalid school was accepted")
        } catch {
            #expect(Set(error.problems.map(\.field)) == ["name", "brin", "latitude", "email_domains", "head_counts.janitor", "membership"])
        }
    }

    @Test("an edition's days fall in its year and registration closes after it opens")
    func editionRules() {
        let draft = EditionDraft(
            year: 2026, days: ["2025-11-17", "2026-11-18"].compactMap(Day.init),
            registrationOpensAt: Date(timeIntervalSince1970: 10), registrationClosesAt: Date(timeIntervalSince1970: 5),
            allocationMode: "lottery", matchingDeadline: Date())
        do {
            _ = try draft.validated(id: UUID(), networkId: UUID())
            Issue.record("an invalid edition was accepted")
        } catch {
            #expect(Set(error.problems.map(\.field)) == ["days", "registration_closes_at", "allocation_mode"])
        }
    }

    @Test("a person's address must belong to the school")
    func personRules() throws {
        let tenant = Tenant(
            id: UUID(), name: "X", brin: "11AA", town: "Y", latitude: 0, longitude: 0, emailDomains: ["x.nl"], headCounts: [:])
        #expect(
            try PersonDraft(name: "Kees", email: "Kees@X.nl", role: "teacher").validated(id: UUID(), tenant: tenant).email == "kees@x.nl")
        #expect(throws: InvalidInput.self) {
            try PersonDraft(name: "Kees", email: "kees@y.nl", role: "teacher").validated(id: UUID(), tenant: tenant)
        }
        #expect(throws: InvalidInput.self) {
            try PersonDraft(name: "Kees", email: "geen-adres", role: "chef").validated(id: UUID(), tenant: tenant)
        }
    }

    @Test("a shadow offer's days must be days of the edition")
    func offerRules() {
        let draft = ShadowOfferDraft(
            editionId: UUID(), tenantId: UUID(), hostPersonId: UUID(), role: "principal",
            schoolType: "havo_vwo", days: ["2026-11-19"].compactMap(Day.init))
        #expect(throws: InvalidInput(field: "days", message: "2026-11-19 is not a day of the edition")) {
            try draft.validated(id: UUID(), edition: Self.edition)
        }
    }
}
