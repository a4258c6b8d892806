import Foundation
import KijkjeSync
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HubStore
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// Builds the hub application for a configuration: the store it names, migrated at start, behind the routes.
public func buildApplication(
    _ configuration: HubConfiguration, logger: Logger = Logger(label: "kijkje.hub"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
)
    async throws -> some ApplicationProtocol
{
    let opened = try OpenedStore.open(configuration, logger: logger)
    return try buildApplication(
        configuration, store: opened.store, services: opened.service.map { [$0] } ?? [],
        logger: logger, onServerRunning: onServerRunning)
}

/// Builds the hub application on a given store (tests pass each test's own database here).
/// `onServerRunning` is told the port the hub listens on (useful with port 0).
public func buildApplication(
    _ configuration: HubConfiguration, store: any HubStore, services: [any Service] = [],
    logger: Logger = Logger(label: "kijkje.hub"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let metrics = HubMetrics()
    let router = try buildRouter(configuration, store: store, metrics: metrics)
    let server: HTTPServerBuilder
    // Idle connections, and requests that do not arrive whole (slowloris), are closed after the read timeout.
    let timeout = TimeAmount.seconds(Int64(configuration.readTimeoutSeconds))
    let http1 = HTTP1Channel.Configuration(additionalChannelHandlers: [RequestDeadline(limit: timeout)], idleTimeout: timeout)
    if let certificate = configuration.tlsCertificatePath, let key = configuration.tlsKeyPath {
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        server = try .tls(.http1(configuration: http1), tlsConfiguration: tls)
    } else {
        server = .http1(configuration: http1)
    }
    let operations = configuration.operations(store: store)
    let scheduler = HubScheduler(
        operations: operations, interval: .seconds(configuration.clockIntervalSeconds),
        retentionDays: configuration.retentionDays, tombstoneRetention: Double(configuration.tombstoneRetentionDays) * 86_400,
        logger: logger)
    let listening = ListeningAddress(configuration)
    let courier = MailCourier(
        store: store, transport: configuration.mailTransport(), notices: configuration.noticeMail(baseURL: listening.url),
        interval: configuration.mailInterval, logger: logger)
    var app = Application(
        router: router,
        server: server,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "kijkje-hub"),
        services: services + [scheduler, courier],
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            listening.set(port: port)
            await onServerRunning(port)
        },
        logger: logger)
    app.beforeServerStarts {
        try await store.migrate()
        logger.info("store ready", metadata: ["schema": "\(Migrations.latest)"])
    }
    return app
}

/// The hub's routes behind its middleware: metrics outermost, then problem details, then authentication. Each
/// group of routes admits one kind of caller (see `CallerContext`), established once as a request enters it.
/// Fails when the portal's templates are missing from the hub's resources.
public func buildRouter(_ configuration: HubConfiguration, store: any HubStore, metrics: HubMetrics) throws -> Router<HubContext> {
    let router = Router(context: HubContext.self)
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
    router.add(middleware: RequestLog())
    router.add(middleware: ProblemMiddleware(metrics: metrics))
    let methods = MethodNotAllowed.Table()
    router.add(middleware: MethodNotAllowed(table: methods))
    router.add(middleware: BodyLimit(maxBytes: configuration.maxBodyBytes))
    router.add(middleware: ClientAddress(trusted: Set(configuration.trustedProxies)))
    router.add(middleware: BearerAuthentication(store: store))
    let operations = configuration.operations(store: store)
    HealthRoutes(store: store, metrics: metrics).add(to: router)

    let api = router.group("api/v1")
    let organiser = api.group(for: OrganiserDoor.self)
    NetworkRoutes(operations: operations).add(
        operator: api.group(for: OperatorDoor.self), anyone: api.group(for: TokenDoor.self),
        organiser: organiser)
    SchoolRoutes(operations: operations).add(to: organiser)
    EditionRoutes(operations: operations).add(to: organiser)
    EnrolmentRoutes(operations: operations).add(to: organiser)
    ShadowRoutes(operations: operations).add(to: organiser)
    InvitationRoutes(operations: operations).add(to: organiser)

    let sync = router.group("sync/v1")
    SyncRoutes(operations: operations, watch: ScopeWatch(store: store)).add(to: sync.group(for: AgentDoor.self), anonymous: sync)

    Portal(
        operations: operations, pages: try PortalPages.load(store: store),
        settings: PortalSettings(
            publicURL: configuration.publicURL, secureCookies: configuration.servesTLS, retentionDays: configuration.retentionDays,
            tombstoneDays: configuration.tombstoneRetentionDays)
    ).add(to: router)
    methods.fill(router.routes.map { (path: $0.path.description, method: $0.method.rawValue) })
    return router
}

/// Applies the configured body limit to the request's context (bodies are read up to it, larger ones answer 413).
struct BodyLimit: RouterMiddleware {
    typealias Context = HubContext
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.maxUploadSize = maxBytes
        return try await next(request, context)
    }
}
