import Foundation
@testable import Hub
import HubStore
import KijkjeDomain
import KijkjeMatching
import KijkjeTestSupport
import PageKit
import Testing

/// The portal's page models built from plain values, without a store or HTML.
@Suite("Portal page models")
struct PortalPageModelTests {
    let school = Fixture.makeTenant()
    let edition: Edition
    let workshop: Session, kickoff: Session

    init() {
        let days = ["2026-11-17", "2026-11-18"].compactMap(Day.init)
        edition = Edition(
            id: UUID(), networkId: UUID(), year: 2026, days: days, registrationOpensAt: Fixture.time("2026-10-01T08:00:00Z"),
            registrationClosesAt: Fixture.time("2026-11-01T08:00:00Z"), allocationMode: .fcfs, claimWindowHours: 24,
            matchingDeadline: Fixture.time("2026-11-05T08:00:00Z"))
        let start = Fixture.time("2026-11-17T09:00:00Z")
        workshop = Session(
            id: UUID(), editionId: edition.id, tenantId: school.id, kind: .workshop, title: "Formatief evalueren",
            description: "", presenter: "Piet", location: "Lokaal 12", startsAt: start, endsAt: start.addingTimeInterval(3600),
            capacity: 2, visibility: .network, topics: ["didactiek"])
        kickoff = Session(
            id: UUID(), editionId: edition.id, tenantId: school.id, kind: .kickoff, title: "Aftrap", description: "",
            presenter: "Sanne", location: "Aula", startsAt: Fixture.time("2026-11-18T13:00:00Z"),
            endsAt: Fixture.time("2026-11-18T14:00:00Z"), capacity: 100, visibility: .all, topics: ["leiderschap"])
    }

    func week(counts: [UUID: [EnrolmentState: Int]] = [:], mine: [UUID: Enrolment] = [:]) -> PortalWeek {
        PortalWeek(edition: edition, sessions: [workshop, kickoff], schools: [school.id: school], counts: counts, mine: mine)
    }

    func enrolment(_ state: EnrolmentState, in session: Session) -> Enrolment {
        Enrolment(
            id: UUID(), tenantId: school.id, sessionId: session.id, editionId: edition.id, personTenantId: school.id, personId: UUID(),
            state: state, queueNumber: 3, offeredUntil: state == .offered ? Fixture.time("2026-10-10T08:00:00Z") : nil,
            createdAt: Date(), updatedAt: Date())
    }

    @Test("the catalogue counts an offered place as taken, and 'only with places left' leaves the full session out")
    func cataloguePlaces() throws {
        let full = week(counts: [workshop.id: [.confirmed: 1, .offered: 1, .waitlisted: 4]])
        let all = CataloguePage(week: full, filter: .init(), words: PortalText.words(.nl), language: .nl)
        let row = try #require(all.sessions.first { $0.title == "Formatief evalueren" })
        #expect(row.left == 0 && row.full == true)
        #expect(row.href == PortalPath.session(workshop.id))
        let free = CataloguePage(week: full, filter: .init(onlyFree: true), words: PortalText.words(.nl), language: .nl)
        #expect(free.sessions.map(\.title) == ["Aftrap"] && free.count == 1)
    }

    @Test("the catalogue filters by day, topic and search, and offers each filter's choices with the chosen one selected")
    func catalogueFilters() {
        let filter = CataloguePage.Filter(day: "2026-11-18", topic: "leiderschap")
        let page = CataloguePage(week: week(), filter: filter, words: PortalText.words(.en), language: .en)
        #expect(page.sessions.map(\.title) == ["Aftrap"])
        let choices = week().catalogueChoices(filter, .en)
        #expect(choices.days.filter(\.selected).map(\.value) == ["2026-11-18"])
        #expect(
            choices.topics.map(\.value) == ["didactiek", "leiderschap"] && choices.topics.filter(\.selected).map(\.value) == ["leiderschap"]
        )
        #expect(CataloguePage(week: week(), filter: .init(search: "AFTRAP"), words: [:], language: .nl).sessions.map(\.title) == ["Aftrap"])
    }

    @Test("a session page offers the claim and decline forms for an offered place, and no enrol button")
    func sessionWithOffer() throws {
        let offered = enrolment(.offered, in: workshop)
        let page = SessionPage(workshop, week: week(mine: [workshop.id: offered]), words: PortalText.words(.nl), language: .nl)
        let own = try #require(page.enrolment)
        #expect(own.offered && !own.confirmed && own.until.contains("oktober"))
        #expect(own.claimAction == "/enrolments/\(offered.id)/claim" && own.declineAction == "/enrolments/\(offered.id)/decline")
        #expect(!page.canEnrol && page.enrolAction == "/sessions/\(workshop.id)/enrol")
        let fresh = SessionPage(workshop, week: week(), words: [:], language: .nl)
        #expect(fresh.enrolment == nil && fresh.canEnrol && fresh.session.left == 2)
    }

    @Test("the choices page explains the allocation choice by choice with the lottery number")
    func choicesOutcome() throws {
        let explanation = Allocation.Explanation(
            person: "p", lotteryNumber: 17, assigned: kickoff.id.uuidString, rank: 2,
            choices: [
                .init(session: workshop.id.uuidString, rank: 1, reason: .full),
                .init(session: kickoff.id.uuidString, rank: 2, reason: .assigned),
            ])
        let words = PortalText.words(.en)
        let page = ChoicesPage(week: week(), current: [workshop.id], explanation: explanation, words: words, language: .en)
        let outcome = try #require(page.outcome)
        #expect(outcome.lottery == 17)
        #expect(outcome.choices.map(\.title) == ["Formatief evalueren", "Aftrap"] && outcome.choices.map(\.got) == [false, true])
        #expect(outcome.choices[0].why == words["alloc_full"])
        #expect(page.ranks.first?.options.filter(\.selected).map(\.value) == [workshop.id.uuidString])
    }

    @Test("a page model reaches the template without empty texts, absent values or numbers read as true")
    func templateValues() throws {
        let values = try TemplateValues.of(SignInPage(form: "f", next: "/", notice: ""))
        #expect(values["notice"] == nil && values["form"] as? String == "f")
        let counted = try TemplateValues.of(AllocationPage(edition: edition, choices: 1, run: nil, language: .nl))
        #expect(counted["choices"] as? Int == 1 && counted["ranked"] as? Bool == false && counted["run"] == nil)
    }

    @Test("nested models, lists, dictionaries and every kind of number reach the template as JSON would give them")
    func templateValuesNested() throws {
        struct Row: Encodable {
            var name: String
            var note: String?
            var places: UInt8
            var share: Float
            var open: Bool
        }
        struct Model: Encodable {
            var rows: [Row]
            var words: [String]
            var byDay: [String: Int]
            var id: UUID
            var at: Date
            var link: URL
            var missing: Row?
        }
        let id = UUID()
        let model = Model(
            rows: [
                Row(name: "Robotica", note: "", places: 3, share: 0.5, open: true),
                Row(name: "", note: nil, places: 0, share: 0, open: false),
            ],
            words: ["a", ""], byDay: ["ma": 2], id: id, at: Date(timeIntervalSinceReferenceDate: 12),
            link: URL(string: "https://kijkje.nl/x")!)
        let values = try TemplateValues.of(model)
        let rows = try #require(values["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["name"] as? String == "Robotica" && rows[0]["note"] == nil && rows[0]["places"] as? Int == 3)
        #expect(rows[0]["share"] as? Double == 0.5 && rows[0]["open"] as? Bool == true)
        #expect(rows[1]["name"] == nil && rows[1]["open"] as? Bool == false && rows[1]["places"] as? Int == 0)
        #expect(values["words"] as? [String] == ["a", ""])
        #expect((values["byDay"] as? [String: Any])?["ma"] as? Int == 2)
        #expect(values["id"] as? String == id.uuidString && values["at"] as? Double == 12)
        #expect(values["link"] as? String == "https://kijkje.nl/x" && values["missing"] == nil)
    }

    @Test("a memo keeps what it made by its key: the same key is made once, another anew, and it holds at most its capacity")
    func memo() {
        let memo = Memo<[Option], String>(capacity: 2)
        var made = 0
        func html(_ options: [Option]) -> String {
            memo.value(for: options) {
                made += 1
                return options.map(\.label).joined()
            }
        }
        let a = [Option(value: "1", label: "a")], b = [Option(value: "1", label: "a", selected: true)]
        #expect(html(a) == "a" && html(a) == "a" && made == 1)
        #expect(html(b) == "a" && made == 2, "a selected choice is other HTML")
        _ = html([Option(value: "2", label: "c")])
        #expect(html(a) == "a" && made == 4, "past its capacity it started afresh")
    }
}
