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
    /// An optional calendar invitation (text/calendar; its METHOD says REQUEST or CANCEL).
    public var calendar: String?
    public var kind: MailKind
    /// The same text as HTML, sent as an alternative to the plain text.
    public var html: String?
    /// For optional mails: the one-click unsubscribe address (RFC 8058).
    public var unsubscribeURL: String?
    /// The network the mail is about (nil for sign-in links, which precede any network).
    public var networkId: UUID?

    public init(
        id: UUID, dedupeKey: String, toAddress: String, toName: String, subject: String, body: String, calendar: String? = nil,
        kind: MailKind, html: String? = nil, unsubscribeURL: String? = nil, networkId: UUID? = nil
    ) {
        self.id = id
        self.dedupeKey = dedupeKey
        self.toAddress = toAddress
        self.toName = toName
        self.subject = subject
        self.body = body
        self.calendar = calendar
        self.kind = kind
        self.html = html
        self.unsubscribeURL = unsubscribeURL
        self.networkId = networkId
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
