import Foundation

/// A mail to one person, as the outbox keeps it until it is delivered.
public struct MailMessage: Sendable, Equatable, Codable {
    public var id: UUID
    /// What the mail is about, once ("match:<id>:confirmed:requester"): the outbox refuses a second one.
    public var dedupeKey: String
    public var toAddress: String
    public var toName: String
    public var subject: String
    public var body: String
    /// An optional calendar invitation (text/calendar).
    public var calendar: String?

    public init(id: UUID, dedupeKey: String, toAddress: String, toName: String, subject: String, body: String, calendar: String? = nil) {
        self.id = id
        self.dedupeKey = dedupeKey
        self.toAddress = toAddress
        self.toName = toName
        self.subject = subject
        self.body = body
        self.calendar = calendar
    }
}

/// A mail in the outbox, with its delivery state.
public struct QueuedMail: Sendable, Equatable, Codable {
    public var message: MailMessage
    public var attempts: Int
    public var createdAt: Date
    public var sentAt: Date?
    public var lastError: String?

    public init(message: MailMessage, attempts: Int, createdAt: Date, sentAt: Date?, lastError: String?) {
        self.message = message
        self.attempts = attempts
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.lastError = lastError
    }
}
