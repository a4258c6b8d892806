import Foundation
import KijkjeSync
import Hummingbird
import KijkjeDomain

/// The per-request context: who is asking (from the bearer token) and the hub's JSON conventions.
public struct HubContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `BearerAuthentication` from a valid token; nil for anonymous requests.
    public var principal: Principal?
    /// The credential behind `principal` (an agent's mutations are numbered per credential).
    public var credentialId: UUID?
    public var maxUploadSize: Int
    /// The portal's reader (language, session), set by `PortalMiddleware` on portal pages.
    var visitor = PortalVisitor()
    /// The client's address, for the sign-in rate limit: the TCP peer, or what a trusted proxy says (`ClientAddress`).
    var clientAddress: String
    /// The address this connection reached the hub at ("127.0.0.1:8080"), from the socket, never from a header.
    let serverAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        principal = nil
        credentialId = nil
        maxUploadSize = 256 * 1024
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        serverAddress = source.channel.localAddress.flatMap { local in
            guard let ip = local.ipAddress, let port = local.port else { return nil }
            return (ip.contains(":") ? "[\(ip)]" : ip) + ":\(port)"
        }
    }

    public var requestDecoder: JSONDecoder { .hub }
    public var responseEncoder: JSONEncoder { .hub }
}
