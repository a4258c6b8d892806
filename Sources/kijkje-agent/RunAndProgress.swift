import Agent
import AgentAdmin
import Mailing
import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Keep syncing (long-poll the hub, back off on failure) and serve the administrator's pages; stop on SIGTERM.")
    @OptionGroup var folder: FolderOption
    @Option(help: "Seconds a pull waits at the hub for a change.") var wait = 25
    @OptionGroup var admin: AdminOptions
    @OptionGroup var mail: AgentMailOptions

    func run() async throws {
        let logger = Logger(label: "kijkje.agent")
        let home = AgentHome(path: AgentFolder.location(folder.dir), mail: try mail.transport())
        let app = try buildAdminApplication(home: home, settings: try admin.settings(), logger: logger) { port in
            print("administrator's pages: \(admin.scheme)://\(admin.host):\(port)/")
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [HomeSync(home: home, waitSeconds: wait, logger: logger), app], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}

/// The school's own mail server, for its invitations (without one they become `.eml` files in `<dir>/mailbox`).
struct AgentMailOptions: ParsableArguments {
    @Option(name: .customLong("smtp-url"), help: "The school's SMTP server, smtp://host:587 or smtps://host:465.") var url: String?
    @Option(name: .customLong("smtp-user"), help: "SMTP user name; the password comes from $KIJKJE_AGENT_SMTP_PASSWORD.")
    var user: String?
    @Option(name: .customLong("smtp-starttls"), help: "STARTTLS: never, optional or required.") var startTLS = "optional"
    @Option(name: .customLong("smtp-ca"), help: "PEM CA certificates to trust for the SMTP server.") var caFile: String?
    @Option(name: .customLong("mail-from"), help: "Sender address of the invitations.") var from = "kijkje@localhost"
    @Option(name: .customLong("mail-from-name"), help: "Sender name of the invitations.") var fromName = "Kijkje"

    func transport() throws -> (any MailTransport)? {
        guard let url else { return nil }
        guard let level = ["never": 0, "optional": 1, "required": 2][startTLS] else {
            throw AgentError.usage("--smtp-starttls must be never, optional or required")
        }
        return SMTPTransport(
            url: url, user: user, password: ProcessInfo.processInfo.environment["KIJKJE_AGENT_SMTP_PASSWORD"], startTLS: level,
            caFile: caFile, from: from, fromName: fromName)
    }
}

/// Where the administrator's pages listen.
struct AdminOptions: ParsableArguments {
    @Option(name: .customLong("admin-host"), help: "Address of the administrator's pages (a school server may bind another).")
    var host = "127.0.0.1"
    @Option(name: .customLong("admin-port"), help: "Port of the administrator's pages (0: any free one).") var port = 8090
    @Option(name: .customLong("admin-tls-cert"), help: "PEM certificate chain: serve the pages over HTTPS.") var tlsCert: String?
    @Option(name: .customLong("admin-tls-key"), help: "PEM private key for --admin-tls-cert.") var tlsKey: String?

    var scheme: String { tlsCert == nil ? "http" : "https" }

    func settings() throws -> AdminSettings {
        guard (tlsCert == nil) == (tlsKey == nil) else { throw AgentError.usage("--admin-tls-cert and --admin-tls-key go together") }
        if host != "127.0.0.1" && host != "localhost" && host != "::1" && tlsCert == nil {
            FileHandle.standardError.write(Data("kijkje-agent: warning: the pages are served on \(host) without TLS\n".utf8))
        }
        var settings = AdminSettings()
        settings.host = host
        settings.port = port
        settings.tlsCertificatePath = tlsCert
        settings.tlsKeyPath = tlsKey
        return settings
    }
}

struct AdminLink: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin-link", abstract: "Print a one-time link (15 minutes) that signs in to the administrator's pages.")
    @OptionGroup var folder: FolderOption
    @OptionGroup var admin: AdminOptions

    func run() async throws {
        let accounts = AdminAccounts(folder: AgentFolder.location(folder.dir))
        do {
            let token = try accounts.issueLink()
            print("\(admin.scheme)://\(admin.host):\(admin.port)/sign-in/link/\(token)")
        } catch {
            throw AgentError.usage("\(error)")
        }
    }
}

/// A progress bar on a terminal, plain lines otherwise (a log, a pipe).
final class ProgressMeter: @unchecked Sendable {
    private let lock = NSLock()
    private let terminal = isatty(STDOUT_FILENO) != 0
    private var lastLine = Date.distantPast
    private var drawn = false

    func show(_ progress: SyncProgress) {
        lock.withLock {
            let total = progress.rowsApplied + progress.rowsRemaining
            guard total > 0 || progress.pushed > 0 else { return }
            if terminal {
                let width = 30
                let filled = total == 0 ? width : width * progress.rowsApplied / total
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                FileHandle.standardOutput.write(
                    Data("\r[\(bar)] \(progress.rowsApplied)/\(total) rows, \(progress.pushed) changes pushed".utf8))
                drawn = true
            } else if Date().timeIntervalSince(lastLine) >= 1 || progress.rowsRemaining == 0 {
                print("progress: \(progress.rowsApplied) of \(total) rows, \(progress.pushed) changes pushed")
                lastLine = Date()
            }
        }
    }

    func finish() {
        lock.withLock { if drawn { FileHandle.standardOutput.write(Data("\n".utf8)) } }
    }
}
