import Foundation
import Hummingbird
import KijkjeDomain

/// Every page and form of the portal in one place: routes are registered under these, redirects go to them, and
/// templates read them (the fixed ones as `{{path.name}}`, the ones with an id from their page model).
enum PortalPath: String, CaseIterable, Sendable {
    case home = "/"
    case signIn = "/sign-in"
    case signInConfirm = "/sign-in/confirm"
    case signOut = "/sign-out"
    case catalogue = "/catalogue"
    case choices = "/choices"
    case shadow = "/shadow"
    case shadowRequests = "/shadow/requests"
    case shadowOffers = "/shadow/offers"
    case week = "/week"
    case weekFeed = "/week/feed"
    case weekFeedRevoke = "/week/feed/revoke"
    case account = "/account"
    case accountExport = "/account/export"
    case accountErase = "/account/erase"
    case survey = "/survey"
    case evaluation = "/evaluation"
    case organiser = "/organiser"
    case organiserEdition = "/organiser/edition"
    case organiserSessions = "/organiser/sessions"
    case organiserAllocation = "/organiser/allocation"
    case organiserMatching = "/organiser/matching"
    case organiserRules = "/organiser/rules"
    case organiserRulesRemove = "/organiser/rules/remove"
    case organiserInvitations = "/organiser/invitations"
    case organiserRegister = "/organiser/register"
    case organiserRegisterCSV = "/organiser/register.csv"

    var route: RouterPath { RouterPath(rawValue) }

    /// The fixed paths by name, as templates read them.
    static let forTemplates: [String: String] = Dictionary(uniqueKeysWithValues: allCases.map { ("\($0)", $0.rawValue) })

    // Paths with an id or a name: the route's pattern beside the address that fills it in.
    static let signInLinkRoute: RouterPath = "/sign-in/:token"
    static func signInLink(_ token: String) -> String { "/sign-in/\(token)" }
    static let resendMailRoute: RouterPath = "/organiser/mail/:mailId/resend"
    static func resendMail(_ id: UUID) -> String { "/organiser/mail/\(id)/resend" }
    static let mailLinkRoute: RouterPath = "/mail/:token"
    static func mailLink(_ token: String) -> String { "/mail/\(token)" }
    static let languageRoute: RouterPath = "/language/:language"
    static func language(_ language: Language, back: String = "/") -> String { "/language/\(language.rawValue)?back=\(back)" }
    static let sessionRoute: RouterPath = "/sessions/:sessionId"
    static func session(_ id: UUID) -> String { "/sessions/\(id)" }
    static let enrolRoute: RouterPath = "/sessions/:sessionId/enrol"
    static func enrol(_ sessionId: UUID) -> String { "/sessions/\(sessionId)/enrol" }
    static func enrolmentRoute(_ change: EnrolmentChange) -> RouterPath { RouterPath("/enrolments/:enrolmentId/\(change.rawValue)") }
    static func enrolment(_ id: UUID, _ change: EnrolmentChange) -> String { "/enrolments/\(id)/\(change.rawValue)" }
    static let withdrawRequestRoute: RouterPath = "/shadow/requests/:requestId/withdraw"
    static func withdrawRequest(_ id: UUID) -> String { "/shadow/requests/\(id)/withdraw" }
    static let withdrawOfferRoute: RouterPath = "/shadow/offers/:offerId/withdraw"
    static func withdrawOffer(_ id: UUID) -> String { "/shadow/offers/\(id)/withdraw" }
    static func answerRoute(accept: Bool) -> RouterPath { RouterPath("/shadow/matches/:matchId/\(accept ? "accept" : "decline")") }
    static func answer(_ matchId: UUID, accept: Bool) -> String { "/shadow/matches/\(matchId)/\(accept ? "accept" : "decline")" }
    static let calendarRoute: RouterPath = "/calendar/:feed"
    static func calendar(_ token: String) -> String { "/calendar/\(token).ics" }
    static let tableRoute: RouterPath = "/organiser/tables/:table"
    static func table(_ name: String) -> String { "/organiser/tables/\(name).csv" }
}
