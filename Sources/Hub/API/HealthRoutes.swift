import Foundation
import Hummingbird
import HubStore
import KijkjeSync

/// Liveness, readiness and metrics for whoever runs the hub (no token needed).
struct HealthRoutes {
    let store: any HubStore
    let metrics: HubMetrics

    struct Readiness: Encodable, Sendable {
        var status: String
        var schemaVersion: Int
        var expectedSchemaVersion: Int
    }

    func add(to router: Router<HubContext>) {
        router.get("health") { _, _ in JSONBody(["status": "ok"]) }
        router.get("ready") { _, _ in
            let version: (applied: Int, expected: Int)
            do {
                version = try await store.schemaVersion()
            } catch {
                throw ProblemDetails(.unavailable, detail: "the store did not answer: \(error)")
            }
            guard version.applied == version.expected else {
                throw ProblemDetails(
                    .unavailable,
                    detail: "the schema is at version \(version.applied), this hub needs \(version.expected); run kijkje-hub migrate")
            }
            return JSONBody(Readiness(status: "ready", schemaVersion: version.applied, expectedSchemaVersion: version.expected))
        }
        router.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: .init(string: metrics.exposition())))
        }
    }
}
