import Foundation
import KijkjeDomain
import KijkjeMatching

/// The catalogue: the sessions the reader's school may see, filtered, with the filters' choices.
struct CataloguePage: PortalPage {
    static let template = "catalogue", title = "catalogue"

    /// What the reader filters on (the query of `/catalogue`).
    struct Filter: Sendable {
        var day = "", school = "", topic = "", search = ""
        var onlyFree = false
    }

    /// The sessions shown; the page shows them as `cards` (`PortalWeek.cards`).
    var shown: [Session]
    var cards = ""
    var count: Int
    /// The filters' choices as `<option>`s (`PortalWeek.catalogueOptions`).
    var options = CatalogueOptions()
    var q: String
    var onlyFree: Bool
    var ranked: Bool

    init(week: PortalWeek, filter: Filter, words: [String: String], language: Language) {
        let shown = week.sessions.filter { session in
            (filter.day.isEmpty || Calendar.networkCalendar.day(of: session.startsAt).description == filter.day)
                && (filter.school.isEmpty || session.tenantId.uuidString == filter.school)
                && (filter.topic.isEmpty || session.topics.contains(filter.topic))
                && (!filter.onlyFree || week.placesLeft(session) > 0)
                && (filter.search.isEmpty
                    || [session.title, session.description, session.presenter].contains {
                        $0.localizedCaseInsensitiveContains(filter.search)
                    })
        }
        self.shown = shown
        self.week = week
        self.words = words
        self.language = language
        count = shown.count
        q = filter.search
        onlyFree = filter.onlyFree
        ranked = week.edition.awaitsAllocation
    }

    let week: PortalWeek, words: [String: String], language: Language
    /// The sessions shown, as rows.
    var sessions: [SessionRow] { shown.map { week.row($0, words, language) } }

    enum CodingKeys: CodingKey { case cards, count, options, q, onlyFree, ranked }
}

/// The catalogue's filters' choices, each list with the chosen one selected.
struct CatalogueChoices: Sendable, Equatable {
    var days: [Option]
    var schools: [Option]
    var topics: [Option]
}

/// The same choices as HTML, `<option>` elements for each select of the filters.
struct CatalogueOptions: Encodable, Sendable {
    var days = ""
    var schools = ""
    var topics = ""
}

/// A session as the catalogue lists it (`catalogue-card.mustache`), with the word its kickoff tag shows.
struct CatalogueCard: Encodable, Sendable, Hashable {
    static let template = "catalogue-card"
    var session: SessionRow
    var kickoffWord: String
}

/// One session, with the reader's own enrolment and what they can do with it.
struct SessionPage: PortalPage {
    static let template = "session", title = "session"

    struct OwnEnrolment: Encodable, Sendable, Equatable {
        var confirmed: Bool
        var waiting: Bool
        var offered: Bool
        var queue: Int
        var until: String
        var claimAction: String
        var declineAction: String
        var cancelAction: String
    }

    var session: SessionRow
    var enrolment: OwnEnrolment?
    var canEnrol: Bool
    var enrolAction: String
    var ranked: Bool

    init(_ session: Session, week: PortalWeek, words: [String: String], language: Language) {
        let mine = week.mine[session.id].flatMap { $0.state.isActive ? $0 : nil }
        self.session = week.row(session, words, language)
        enrolment = mine.map { e in
            OwnEnrolment(
                confirmed: e.state == .confirmed, waiting: e.state == .waitlisted, offered: e.state == .offered, queue: e.queueNumber,
                until: e.offeredUntil.map { PortalFormat.moment($0, language) } ?? "", claimAction: PortalPath.enrolment(e.id, .claim),
                declineAction: PortalPath.enrolment(e.id, .decline), cancelAction: PortalPath.enrolment(e.id, .cancel))
        }
        canEnrol = mine == nil && !week.edition.awaitsAllocation
        enrolAction = PortalPath.enrol(session.id)
        ranked = week.edition.awaitsAllocation
    }
}

/// Ranked choices while the window is open, and afterwards why the reader got what they got.
struct ChoicesPage: PortalPage {
    static let template = "choices", title = "choices"

    struct Rank: Encodable, Sendable, Equatable {
        var rank: Int
        var options: [Option]
    }

    struct Outcome: Encodable, Sendable, Equatable {
        struct Choice: Encodable, Sendable, Equatable {
            var rank: Int
            var title: String
            var why: String
            var got: Bool
        }

        var lottery: Int
        var choices: [Choice]
    }

    var open: Bool
    var ranks: [Rank]
    var outcome: Outcome?
    var closes: String

    init(week: PortalWeek, current: [UUID], explanation: Allocation.Explanation?, words: [String: String], language: Language) {
        let workshops = week.sessions.filter { $0.kind == .workshop }
        open = week.edition.awaitsAllocation
        ranks = (0..<min(5, max(1, workshops.count))).map { rank in
            Rank(
                rank: rank + 1,
                options: workshops.map { session in
                    Option(
                        value: session.id.uuidString,
                        label:
                            "\(session.title) — \(week.schools[session.tenantId]?.name ?? ""), "
                            + "\(PortalFormat.day(session.startsAt, language))",
                        selected: rank < current.count && current[rank] == session.id)
                })
        }
        closes = PortalFormat.moment(week.edition.registrationClosesAt, language)
        outcome = explanation.map { Self.outcome($0, week: week, words: words) }
    }

    /// Why the person got what they got, choice by choice.
    static func outcome(_ explanation: Allocation.Explanation, week: PortalWeek, words: [String: String]) -> Outcome {
        let titles = Dictionary(week.sessions.map { ($0.id.uuidString, $0.title) }, uniquingKeysWith: { first, _ in first })
        return Outcome(
            lottery: explanation.lotteryNumber,
            choices: explanation.choices.map { choice in
                let why: String
                switch choice.reason {
                case .assigned: why = words["alloc_assigned"] ?? ""
                case .full: why = words["alloc_full"] ?? ""
                case .slotTaken: why = words["alloc_slot"] ?? ""
                case .schoolShareReached(let share): why = "\(words["alloc_share"] ?? "") (\(share))"
                case .unknownSession: why = words["alloc_unknown"] ?? ""
                case .lowerThanAssigned: why = words["alloc_lower"] ?? ""
                }
                return Outcome.Choice(rank: choice.rank, title: titles[choice.session] ?? "?", why: why, got: choice.reason == .assigned)
            })
    }
}
