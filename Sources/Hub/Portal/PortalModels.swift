import Foundation
import HubStore
import KijkjeDomain

/// A choice in a select, a set of checkboxes or radio buttons.
struct Option: Encodable, Sendable, Hashable {
    var value: String
    var label: String
    var selected = false
}

/// A session as pages list and show it.
struct SessionRow: Encodable, Sendable, Hashable {
    var id: String
    var href: String
    var title: String
    var description: String
    var presenter: String
    var location: String
    var school: String
    var town: String
    var day: String
    var time: String
    var capacity: Int
    var left: Int
    var full: Bool
    /// "Vol", or "3 van 20 plaatsen vrij": written here once rather than looked up word by word in the template.
    var places: String
    var topics: [String]
    var kickoff: Bool
    /// The reader's own enrolment's state, in words ("" when they have none).
    var state: String
    var mine: Bool
}

extension PortalWeek {
    /// A session as the templates show it, with its places left by the enrolment rules.
    func row(_ session: Session, _ words: [String: String], _ language: Language) -> SessionRow {
        let state = ownState(session)
        guard state == nil, let shared else { return row(session, state: state?.rawValue, words, language) }
        return shared.row(session.id, language) { row(session, state: nil, words, language) }
    }

    /// The state of the reader's own active enrolment in the session, if any: what makes a row or card theirs alone.
    func ownState(_ session: Session) -> EnrolmentState? { mine[session.id].flatMap { $0.state.isActive ? $0.state : nil } }

    /// The catalogue's cards for these sessions, as HTML: each made by `render` once per change of the week and
    /// language, but the reader's own (which show their enrolment).
    func cards(_ sessions: [Session], _ words: [String: String], _ language: Language, render: (SessionRow) -> String) -> String {
        var html = ""
        for session in sessions {
            if let shared, ownState(session) == nil {
                html += shared.card(session.id, language) { render(row(session, words, language)) }
            } else {
                html += render(row(session, words, language))
            }
        }
        return html
    }

    private func row(_ session: Session, state: String?, _ words: [String: String], _ language: Language) -> SessionRow {
        let school = schools[session.tenantId]
        let left = placesLeft(session)
        return SessionRow(
            id: session.id.uuidString, href: PortalPath.session(session.id), title: session.title, description: session.description,
            presenter: session.presenter, location: session.location, school: school?.name ?? "", town: school?.town ?? "",
            day: PortalFormat.day(session.startsAt, language), time: PortalFormat.time(session.startsAt, session.endsAt),
            capacity: session.capacity, left: left, full: left == 0,
            places: left == 0 ? words["full"] ?? "" : "\(left) \(words["of"] ?? "") \(session.capacity) \(words["places_left"] ?? "")",
            topics: session.topics,
            kickoff: session.kind == .kickoff, state: state.map { words["state_\($0)"] ?? $0 } ?? "", mine: state != nil)
    }

    /// The edition's days as options, one of them selected.
    func dayOptions(_ language: Language, selected: String = "") -> [Option] {
        edition.days.map { Option(value: $0.description, label: PortalFormat.day($0, language), selected: $0.description == selected) }
    }

    /// The catalogue's filters' choices: the days, the schools and the topics of the sessions the reader may see.
    func catalogueChoices(_ filter: CataloguePage.Filter, _ language: Language) -> CatalogueChoices {
        let schoolIds = Set(sessions.map(\.tenantId))
        return CatalogueChoices(
            days: dayOptions(language, selected: filter.day),
            schools: schools.values.filter { schoolIds.contains($0.id) }.sorted { $0.name < $1.name }.map {
                Option(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == filter.school)
            },
            topics: Set(sessions.flatMap(\.topics)).sorted().map { Option(value: $0, label: $0, selected: $0 == filter.topic) })
    }

    /// The filters' choices as `<option>`s, each list made by `render`: once per change of the week for each school,
    /// language and filter (the same for every reader of a school, and most of a catalogue page's making).
    func catalogueOptions(_ filter: CataloguePage.Filter, _ language: Language, render: ([Option]) -> String) -> CatalogueOptions {
        func make() -> CatalogueOptions {
            let choices = catalogueChoices(filter, language)
            return CatalogueOptions(days: render(choices.days), schools: render(choices.schools), topics: render(choices.topics))
        }
        guard let shared else { return make() }
        let key = [viewer?.uuidString ?? "", language.rawValue, filter.day, filter.school, filter.topic].joined(separator: "\u{1F}")
        return shared.options(key, make: make)
    }
}

extension Option {
    /// The roles in the reader's words, one of them selected.
    static func roles(_ words: [String: String], selected: Role? = nil) -> [Option] {
        Role.allCases.map { Option(value: $0.rawValue, label: words["role_\($0.rawValue)"] ?? $0.rawValue, selected: $0 == selected) }
    }
}
