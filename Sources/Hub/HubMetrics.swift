import Foundation
import Hummingbird
import Prometheus

/// The hub's Prometheus registry: requests by route and status, their latencies, store errors.
/// One registry per application (not the process-global metrics system), so tests can build many hubs.
public struct HubMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let storeErrors: Counter

    public init() {
        storeErrors = registry.makeCounter(name: "kijkje_store_errors_total")
    }

    /// Prometheus text exposition of everything recorded so far.
    func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// Counts and times every request under its route pattern (never the raw path, which would hold ids).
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = HubContext
    let metrics: HubMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let route = context.endpointPath ?? "unmatched"
        let labels = [("method", request.method.rawValue), ("route", route), ("status", String(response.status.code))]
        metrics.registry.makeCounter(name: "kijkje_http_requests_total", labels: labels).increment()
        metrics.registry.makeDurationHistogram(
            name: "kijkje_http_request_duration_seconds", labels: [("method", request.method.rawValue), ("route", route)],
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2)]
        ).record(ContinuousClock.now - start)
        return response
    }
}
