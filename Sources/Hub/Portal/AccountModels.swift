import Foundation
import HubStore
import KijkjeDomain

/// The reader's name and role, and their data: export and erase.
struct AccountPage: PortalPage {
    static let template = "account", title = "account"
    var name: String
    var email: String
    var roles: [Option]
    var languages: [Option]
    /// The optional mails (the day's programme, participant lists, the shadow guest) come.
    var reminders: Bool

    init(_ person: Person, preferences: MailPreferences, words: [String: String]) {
        name = person.name
        email = person.email
        roles = Option.roles(words, selected: person.role)
        languages = Language.allCases.map {
            Option(value: $0.rawValue, label: $0 == .nl ? "Nederlands" : "English", selected: $0 == preferences.language)
        }
        reminders = preferences.reminders
    }
}

/// The needs survey: this year's topics and the usual ones, the reader's earlier answer ticked.
struct SurveyPage: PortalPage {
    static let template = "survey", title = "survey"
    var topics: [Option]
    var wish: String

    init(sessions: [Session], answer: SurveyAnswer?) {
        topics = Set(sessions.flatMap(\.topics) + PortalText.surveyTopics).sorted().map {
            Option(value: $0, label: $0, selected: answer?.topics.contains($0) ?? false)
        }
        wish = answer?.wish ?? ""
    }
}

/// The evaluation of the week, with the reader's earlier answer.
struct EvaluationPage: PortalPage {
    static let template = "evaluation", title = "evaluation"
    var ratings: [Option]
    var best: String
    var improve: String

    init(_ answer: Evaluation?) {
        ratings = (1...5).map { (rating: Int) in Option(value: "\(rating)", label: "\(rating)", selected: answer?.rating == rating) }
        best = answer?.best ?? ""
        improve = answer?.improve ?? ""
    }
}

/// My week: each day's sessions and shadow days, and the calendar feed.
struct WeekPage: PortalPage {
    static let template = "week", title = "my_week"

    struct DayItems: Encodable, Sendable, Equatable {
        struct Item: Encodable, Sendable, Equatable {
            var time: String
            var title: String
            var place: String
            var note: String
        }

        var label: String
        var empty: Bool
        var items: [Item]
    }

    var days: [DayItems]
    var hasFeed: Bool
    /// The feed's address, shown once right after it was made.
    var feedURL: String

    init(edition: Edition, items: [WeekPages.Item], hasFeed: Bool, feedURL: String, language: Language) {
        days = edition.days.map { day in
            let today = items.filter { Calendar.networkCalendar.day(of: $0.start) == day }
            return DayItems(
                label: PortalFormat.day(day, language), empty: today.isEmpty,
                items: today.map {
                    .init(time: PortalFormat.time($0.start, $0.end), title: $0.title, place: $0.place, note: $0.note)
                })
        }
        self.hasFeed = hasFeed
        self.feedURL = feedURL
    }
}
