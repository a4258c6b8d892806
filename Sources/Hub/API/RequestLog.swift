import Foundation
import Hummingbird
import Logging

/// Logs each request by its route pattern (`/sign-in/{token}`), never its path or query: those carry sign-in link
/// tokens, calendar feed secrets and ids.
struct RequestLog: RouterMiddleware {
    typealias Context = HubContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "route": .string(context.endpointPath ?? "unmatched"),
                "status": .stringConvertible(response.status.code),
                "ms": .stringConvertible(Int(((ContinuousClock.now - start) / .milliseconds(1)).rounded())),
            ])
        return response
    }
}
