import Agent
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import Mustache
import NIOSSL
import PageKit

/// Where the administrator's pages listen: 127.0.0.1 by default; a school server may bind another address, and
/// then should give a certificate and key (HTTPS).
public struct AdminSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 8090
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// What the agent's credential is called in the organisers' list when it joins through the page.
    public var label = "agent on \(ProcessInfo.processInfo.hostName)"

    public init() {}

    var secure: Bool { tlsCertificatePath != nil }
}

/// The school administrator's web app, served by `kijkje-agent run`: server-rendered pages (no JavaScript, Dutch by
/// default and English), a session cookie (HttpOnly, SameSite=Strict, Secure under TLS), a form token on every
/// form, and security headers on every answer.
public func buildAdminApplication(
    home: AgentHome, settings: AdminSettings, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: SecurityHeaders())
    let pages = AdminPages(
        home: home, sessions: AdminSessions(), library: try .folder(Bundle.module.resourceURL?.appendingPathComponent("Templates")),
        secure: settings.secure, label: settings.label)
    pages.add(to: router)
    let server: HTTPServerBuilder
    if let certificate = settings.tlsCertificatePath, let key = settings.tlsKeyPath {
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        server = try .tls(.http1(), tlsConfiguration: tls)
    } else {
        server = .http1()
    }
    return Application(
        router: router, server: server,
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "kijkje-agent"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) }, logger: logger)
}

/// Every answer: no framing, no sniffing, no referrer, nothing but this site's own resources, not cached.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for (name, value) in Self.headers { response.headers[name] = value }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    static let headers = FormFields.securityHeaders.map { (HTTPField.Name($0.name)!, $0.value) }
}
