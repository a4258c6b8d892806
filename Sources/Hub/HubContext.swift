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
    /// The client's address, for the sign-in rate limit.
    let clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        principal = nil
        credentialId = nil
        maxUploadSize = 256 * 1024
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    public var requestDecoder: JSONDecoder { .hub }
    public var responseEncoder: JSONEncoder { .hub }
}
