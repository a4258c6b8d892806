import Foundation
import KijkjeDomain
import HubStore
import Logging
import Mailing

/// Everything the hub can be told; every setting has a default, so the embedded SQLite hub needs none.
public struct HubConfiguration: Sendable {
    /// Address to listen on.
    public var host = "127.0.0.1"
    /// Port to listen on; 0 asks the system for a free one.
    public var port = 8080
    /// Where the embedded SQLite store lives (`hub.sqlite` inside it), when no database URL is given.
    public var dataDirectory = "./kijkje-data"
    /// A `postgres://` URL; nil runs on the embedded SQLite store.
    public var databaseURL: String?
    /// PEM certificate chain and key; with both the hub serves HTTPS itself.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// The address people reach the hub at (for links in mail); without it, the address a connection reached
    /// (its socket's, never a request header's).
    public var publicURL: String?
    /// The largest request body accepted, in bytes (larger answers 413).
    public var maxBodyBytes = 256 * 1024
    /// Addresses of reverse proxies in front of the hub: only from these is `X-Forwarded-For` believed, to find the
    /// client (for the sign-in limits); from anyone else the header is ignored.
    public var trustedProxies: [String] = []
    /// Seconds a connection may stay idle, or take to send a whole request, before the hub closes it.
    public var readTimeoutSeconds = 30
    /// How long an invitation code stays valid unless the organiser says otherwise.
    public var invitationValidDays = 14
    public var logLevel: Logger.Level = .info
    /// SMTP server for mail (smtp://host:port or smtps://host:port); nil writes each mail as an .eml file into `mailboxDirectory`.
    public var smtpURL: String?
    public var smtpUser: String?
    public var smtpPassword: String?
    /// STARTTLS: 0 never, 1 when offered, 2 required.
    public var smtpStartTLS = 1
    /// A PEM file of CA certificates to trust for the SMTP server's TLS.
    public var smtpCAFile: String?
    public var mailFrom = "kijkje@localhost"
    public var mailFromName = "Kijkje"
    /// Where mails go when no SMTP server is configured (default: `mailbox` in the data directory).
    public var mailboxDirectory: String?
    public var mailLanguage: Language = .nl
    /// How often the courier looks for notices to write out and mail to deliver.
    public var mailInterval: Duration = .seconds(5)

    /// How often unclaimed offers are let lapse and due ranked allocations are run.
    public var clockIntervalSeconds = 30
    /// Days after an edition's last day that its personal data is kept (then purged; the figures stay).
    public var retentionDays = 365
    /// Days a removed row's tombstone is kept for agents that have not synced; older cursors must refetch (410).
    public var tombstoneRetentionDays = 30

    public init() {}

    /// The SQLite file used when no database URL is given.
    public var sqlitePath: String { URL(fileURLWithPath: dataDirectory).appendingPathComponent("hub.sqlite").path }
}

extension HubConfiguration {
    /// Whether people reach the hub over HTTPS (its own TLS, or a proxy's named by the public address).
    var servesTLS: Bool { tlsCertificatePath != nil || (publicURL?.hasPrefix("https://") ?? false) }

    /// How notices are written as mail; links point to `baseURL` (the public address, or where the hub listens).
    func noticeMail(baseURL: @escaping @Sendable () -> String) -> NoticeMail {
        NoticeMail(organiserName: mailFromName, organiserEmail: mailFrom, baseURL: baseURL)
    }

    var shadowMail: ShadowMail { ShadowMail(language: mailLanguage, organiserName: mailFromName, organiserEmail: mailFrom) }

    /// The operations every door of a hub on this store calls.
    public func operations(store: any HubStore) -> Operations {
        Operations(store: store, mail: shadowMail, invitationDays: invitationValidDays)
    }

    func mailTransport() -> any MailTransport {
        if let url = smtpURL, !url.isEmpty {
            return SMTPTransport(
                url: url, user: smtpUser, password: smtpPassword, startTLS: smtpStartTLS, caFile: smtpCAFile,
                from: mailFrom, fromName: mailFromName)
        }
        return MailboxFolder(
            directory: mailboxDirectory ?? URL(fileURLWithPath: dataDirectory).appendingPathComponent("mailbox").path,
            from: mailFrom, fromName: mailFromName)
    }
}
