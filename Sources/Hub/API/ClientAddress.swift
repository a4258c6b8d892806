import Foundation
import HTTPTypes
import Hummingbird

/// Finds the client behind trusted reverse proxies: when the TCP peer is one of them, the client is the last
/// address in `X-Forwarded-For` that is not a trusted proxy itself (the ones before it were written by whoever sent
/// the request, and prove nothing). From any other peer the header is ignored, so nobody escapes the sign-in limits
/// by writing it.
struct ClientAddress: RouterMiddleware {
    typealias Context = HubContext
    let trusted: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard trusted.contains(context.clientAddress), let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!] else {
            return try await next(request, context)
        }
        let hops = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var context = context
        context.clientAddress = hops.last { !trusted.contains($0) } ?? hops.first ?? context.clientAddress
        return try await next(request, context)
    }
}
