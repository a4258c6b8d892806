import Foundation
import HTTPTypes
import Hummingbird
import KijkjeSync

/// Answers a method a known path does not take with 405 and the methods it does take (`Allow`), instead of the
/// router's 404. The table is filled once every route is registered.
struct MethodNotAllowed: RouterMiddleware {
    typealias Context = HubContext

    /// Every route's path pattern (as segments; nil for a parameter) with its methods.
    final class Table: @unchecked Sendable {
        private let lock = NSLock()
        private var routes: [(pattern: [Substring?], methods: [String])] = []

        func fill(_ descriptions: [(path: String, method: String)]) {
            let grouped = Dictionary(grouping: descriptions, by: \.path)
            let routes = grouped.map { path, entries in
                (
                    pattern: path.split(separator: "/").map { $0.hasPrefix("{") || $0.hasPrefix(":") ? nil : $0 },
                    methods: entries.map(\.method).sorted()
                )
            }
            lock.withLock { self.routes = routes }
        }

        /// The methods the path takes, or nil when no route has this path.
        func methods(for path: String) -> [String]? {
            let segments = path.split(separator: "/")
            let matches = lock.withLock {
                routes.filter { route in
                    route.pattern.count == segments.count && zip(route.pattern, segments).allSatisfy { $0 == nil || $0 == $1 }
                }
            }
            return matches.isEmpty ? nil : Array(Set(matches.flatMap(\.methods))).sorted()
        }
    }

    let table: Table

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let allowed = table.methods(for: request.uri.path), !allowed.contains(request.method.rawValue) else { throw error }
            var response = try ProblemMiddleware.response(
                ProblemDetails(.methodNotAllowed, detail: "this path takes \(allowed.joined(separator: ", "))"))
            response.headers[.allow] = allowed.joined(separator: ", ")
            return response
        }
    }
}
