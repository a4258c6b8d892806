import Foundation
import Hummingbird
import Prometheus

/// The hub's Prometheus registry: requests by route and status, their latencies, store errors.
/// One registry per application (not the process-global metrics system), so tests can build many hubs.
public struct HubMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let storeErrors: Counter

    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "kijkje", metricName: "http_requests", unitName: "total", helpText: "HTTP requests by method, route and status")
    }
    static var latency: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "kijkje", metricName: "http_request_duration", unitName: "seconds",
            helpText: "HTTP request latency by method and route")
    }
    static var storeFailures: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "kijkje", metricName: "store_errors", unitName: "total", helpText: "Requests that failed because the store did")
    }

    public init() {
        storeErrors = registry.makeCounter(descriptor: Self.storeFailures)
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
        metrics.registry.makeCounter(descriptor: HubMetrics.requests, labels: labels).increment()
        metrics.registry.makeDurationHistogram(
            descriptor: HubMetrics.latency, labels: [("method", request.method.rawValue), ("route", route)],
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2)]
        ).record(ContinuousClock.now - start)
        return response
    }
}
