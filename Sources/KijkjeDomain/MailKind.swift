import Foundation

/// What a mail reports. Every mail the hub sends has one; the outbox counts and the preferences go by it.
public enum MailKind: String, Sendable, Codable, CaseIterable {
    case signIn = "sign-in"
    case shadowProposal = "shadow-proposal"
    case shadowConfirmed = "shadow-confirmed"
    /// A place from the waiting list, to claim before a deadline.
    case offered
    /// A quarter of the claim window is left.
    case offerReminder = "offer-reminder"
    /// The claim window passed: the place went to the next in line.
    case lapsed
    /// A place is yours (enrolled, or claimed).
    case confirmed
    /// You gave up your place.
    case cancelled
    /// What the ranked allocation gave you, and why.
    case allocation
    /// A session you enrolled in, were offered or wait for moved, changed room or capacity.
    case changed
    /// A session you enrolled in, were offered or wait for was withdrawn.
    case withdrawn
    /// The afternoon before a day of the week: your day.
    case dayReminder = "day-reminder"
    /// The day before a session: who is coming (to its presenter).
    case presenterList = "presenter-list"
    /// The day before a shadow day: who is coming (to the host).
    case shadowHost = "shadow-host"
    /// A shadow proposal not answered for some days.
    case proposalReminder = "proposal-reminder"
    /// A school's own invitation to its staff, sent by the school's agent (never by the hub).
    case invitation

    /// Mails a person may switch off: they carry neither a deadline nor a change.
    public var isOptional: Bool { self == .dayReminder || self == .presenterList || self == .shadowHost }

    /// The kinds the hub sends (an invitation comes from the school's agent).
    public static var fromHub: [MailKind] { allCases.filter { $0 != .invitation } }
}
