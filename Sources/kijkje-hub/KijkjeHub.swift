import ArgumentParser
import Foundation
import KijkjeSync
import Hub
import Hummingbird
import HubStore
import KijkjeDomain
import Logging

@main
struct KijkjeHub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kijkje-hub",
        abstract: "The Kijkje hub: catalogue, enrolment, matching, mail and the sync API for school agents.",
        subcommands: [Serve.self, DemoCommand.self, Migrate.self, Token.self])
}

/// Settings shared by every command; each also reads an environment variable, and the defaults need none.
struct HubOptions: ParsableArguments {
    @Option(help: "PostgreSQL URL (postgres://user:pass@host:5432/db); default: embedded SQLite. Env: DATABASE_URL")
    var database: String?
    @Option(help: "Folder of the embedded SQLite store. Env: KIJKJE_DATA_DIR")
    var dataDir: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error. Env: KIJKJE_LOG_LEVEL")
    var logLevel: String?

    func configuration() throws -> HubConfiguration {
        let env = ProcessInfo.processInfo.environment
        var configuration = HubConfiguration()
        configuration.databaseURL = database ?? env["DATABASE_URL"]
        configuration.dataDirectory = dataDir ?? env["KIJKJE_DATA_DIR"] ?? configuration.dataDirectory
        if let level = logLevel ?? env["KIJKJE_LOG_LEVEL"] {
            guard let parsed = Logger.Level(rawValue: level) else { throw ValidationError("unknown log level \(level)") }
            configuration.logLevel = parsed
        }
        return configuration
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the hub (HTTP, or HTTPS with a certificate and key).")

    @OptionGroup var options: HubOptions
    @Option(help: "Address to listen on. Env: KIJKJE_HOST") var host: String?
    @Option(help: "Port to listen on. Env: KIJKJE_PORT") var port: Int?
    @Option(help: "PEM certificate chain for HTTPS. Env: KIJKJE_TLS_CERT") var tlsCert: String?
    @Option(help: "PEM private key for HTTPS. Env: KIJKJE_TLS_KEY") var tlsKey: String?
    @Option(help: "Where people reach the hub (links in mail point there). Env: KIJKJE_PUBLIC_URL") var publicUrl: String?
    @Option(help: "Largest request body in bytes. Env: KIJKJE_MAX_BODY_BYTES") var maxBodyBytes: Int?
    @Option(help: "Seconds a connection may be idle or take to send a request. Env: KIJKJE_READ_TIMEOUT") var readTimeout: Int?
    @Option(
        help: "Address of a reverse proxy whose X-Forwarded-For is believed (repeatable). Env: KIJKJE_TRUSTED_PROXIES (comma-separated)")
    var trustedProxy: [String] = []
    @Option(help: "Days sync tombstones are kept for agents that have not synced. Env: KIJKJE_TOMBSTONE_DAYS") var tombstoneDays: Int?
    @Option(help: "Days after an edition's last day its personal data is kept. Env: KIJKJE_RETENTION_DAYS") var retentionDays: Int?
    @Option(help: "SMTP server, smtp://host:port or smtps://host:port; default: .eml files in <data-dir>/mailbox. Env: KIJKJE_SMTP_URL")
    var smtpUrl: String?
    @Option(help: "SMTP user name. Env: KIJKJE_SMTP_USER") var smtpUser: String?
    @Option(help: "STARTTLS: never, optional or required. Env: KIJKJE_SMTP_STARTTLS") var smtpStarttls: String?
    @Option(help: "PEM CA certificates to trust for the SMTP server. Env: KIJKJE_SMTP_CA") var smtpCa: String?
    @Option(help: "Sender address of the hub's mail. Env: KIJKJE_MAIL_FROM") var mailFrom: String?
    @Option(help: "Language of the mail: nl or en. Env: KIJKJE_MAIL_LANGUAGE") var mailLanguage: String?

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        var configuration = try options.configuration()
        configuration.host = host ?? env["KIJKJE_HOST"] ?? configuration.host
        configuration.port = try port ?? env["KIJKJE_PORT"].map(Self.number) ?? configuration.port
        configuration.tlsCertificatePath = tlsCert ?? env["KIJKJE_TLS_CERT"]
        configuration.tlsKeyPath = tlsKey ?? env["KIJKJE_TLS_KEY"]
        configuration.publicURL = publicUrl ?? env["KIJKJE_PUBLIC_URL"]
        if let url = configuration.publicURL, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw ValidationError("--public-url must start with http:// or https://")
        }
        configuration.maxBodyBytes = try maxBodyBytes ?? env["KIJKJE_MAX_BODY_BYTES"].map(Self.number) ?? configuration.maxBodyBytes
        configuration.readTimeoutSeconds =
            try readTimeout ?? env["KIJKJE_READ_TIMEOUT"].map(Self.number) ?? configuration.readTimeoutSeconds
        configuration.trustedProxies =
            trustedProxy.isEmpty
            ? (env["KIJKJE_TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            : trustedProxy
        configuration.retentionDays = try retentionDays ?? env["KIJKJE_RETENTION_DAYS"].map(Self.number) ?? configuration.retentionDays
        configuration.tombstoneRetentionDays =
            try tombstoneDays ?? env["KIJKJE_TOMBSTONE_DAYS"].map(Self.number) ?? configuration.tombstoneRetentionDays
        configuration.smtpURL = smtpUrl ?? env["KIJKJE_SMTP_URL"]
        configuration.smtpUser = smtpUser ?? env["KIJKJE_SMTP_USER"]
        configuration.smtpPassword = env["KIJKJE_SMTP_PASSWORD"]
        configuration.smtpCAFile = smtpCa ?? env["KIJKJE_SMTP_CA"]
        if let mode = smtpStarttls ?? env["KIJKJE_SMTP_STARTTLS"] {
            guard let level = ["never": 0, "optional": 1, "required": 2][mode] else {
                throw ValidationError("--smtp-starttls must be never, optional or required")
            }
            configuration.smtpStartTLS = level
        }
        configuration.mailFrom = mailFrom ?? env["KIJKJE_MAIL_FROM"] ?? configuration.mailFrom
        if let language = mailLanguage ?? env["KIJKJE_MAIL_LANGUAGE"] {
            guard let parsed = Language(rawValue: language) else { throw ValidationError("--mail-language must be nl or en") }
            configuration.mailLanguage = parsed
        }
        guard (configuration.tlsCertificatePath == nil) == (configuration.tlsKeyPath == nil) else {
            throw ValidationError("give both --tls-cert and --tls-key, or neither")
        }
        let logger = bootstrapLogging(configuration.logLevel)
        let app = try await buildApplication(configuration, logger: logger)
        try await app.runService()
    }

    static func number(_ text: String) throws -> Int {
        guard let n = Int(text) else { throw ValidationError("\(text) is not a number") }
        return n
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply the store's pending migrations and exit.")
    @OptionGroup var options: HubOptions

    func run() async throws {
        let configuration = try options.configuration()
        let logger = bootstrapLogging(configuration.logLevel)
        let version = try await OpenedStore.open(configuration, logger: logger).withRunning { store in
            try await store.migrate()
            return try await store.schemaVersion()
        }
        print("schema at version \(version.applied) of \(version.expected)")
    }
}

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage bearer tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an operator token and print it (shown once).")
        @OptionGroup var options: HubOptions
        @Flag(help: "Create an operator token (organiser tokens are made through the API).") var `operator` = false
        @Option(help: "A name for the token in the token list.") var label = "operator"

        func run() async throws {
            guard `operator` else {
                throw ValidationError(
                    "only --operator tokens are created here; organiser tokens through POST /api/v1/networks/{id}/organiser-tokens")
            }
            let configuration = try options.configuration()
            let logger = bootstrapLogging(configuration.logLevel)
            let issued = try await OpenedStore.open(configuration, logger: logger).withRunning { store in
                try await store.migrate()
                return try await IssuedToken.issue(.operatorAccount, networkId: nil, label: label, in: store)
            }
            print(issued.token)
        }
    }
}

/// Structured logs: one JSON object a line on standard error.
func bootstrapLogging(_ level: Logger.Level) -> Logger {
    LoggingSystem.bootstrap { label in
        var handler = JSONLogHandler(label: label)
        handler.logLevel = level
        return handler
    }
    return Logger(label: "kijkje.hub")
}
