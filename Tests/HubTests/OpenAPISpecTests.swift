import Foundation
import Hub
import KijkjeSync
import KijkjeTestSupport
import Testing

/// `shared/openapi.yaml` and the hub agree: the same routes, the same problem types, and real responses match it.
@Suite("OpenAPI contract")
struct OpenAPISpecTests {
    static let root = repositoryRoot
    static let specPath = root.appendingPathComponent("shared/openapi.yaml").path

    /// The spec as JSON, read with PyYAML (the test command installs it).
    static func spec() throws -> [String: Any] {
        let json = try python(["-c", "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)", specPath])
        return try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
    }

    @Test("every route is in the spec and every path of the spec is a route")
    func routesMatchSpec() async throws {
        let paths = try #require(try Self.spec()["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch"]
        let documented = Set(paths.flatMap { path, item in item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" } })
        let store = try await withStore(.sqlite) { $0 }
        // The portal's HTML pages are not part of the JSON contract.
        let routes = Set(
            try buildRouter(HubConfiguration(), store: store, metrics: HubMetrics()).routes
                .filter { !isPortalPage($0.path.description) }.map { "\($0.method) \($0.path)" })
        #expect(routes.subtracting(documented).sorted() == [], "routes missing from the spec")
        #expect(documented.subtracting(routes).sorted() == [], "spec paths the hub does not serve")
    }

    @Test("the spec lists exactly the hub's problem types")
    func problemTypesMatchSpec() throws {
        let spec = try Self.spec()
        let schemas = (spec["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let problem = (schemas?["Problem"] as? [String: Any])?["properties"] as? [String: Any]
        let types = try #require((problem?["type"] as? [String: Any])?["enum"] as? [String])
        #expect(Set(types) == Set(ProblemType.allCases.map(\.uri)))
    }

    @Test("real responses of every route have a documented status and match their schema", arguments: StoreKind.allCases)
    func responsesMatchSchemas(kind: StoreKind) async throws {
        let recorder = ExchangeRecorder()
        try await withHub(kind, recorder: recorder) { hub in
            let a = try await hub.seed("Spec")
            let b = try await hub.seed("Ander")
            let routes = try buildRouter(HubConfiguration(), store: hub.store, metrics: HubMetrics()).routes.filter {
                !isPortalPage($0.path.description)
            }
            let walk = TenantLeakTests()
            // Every route as its rightful caller, then as another network's organiser, then without a token.
            for route in routes.sorted(by: { ($0.method == .delete ? 1 : 0) < ($1.method == .delete ? 1 : 0) }) {
                let path = walk.fill(route.path.description, with: a)
                let rightful =
                    route.path.description.contains("network") || route.path.description.contains("tokens")
                    ? hub.operatorToken : a.organiserToken
                try await hub.call(route.method, path, token: rightful, json: walk.body(aimedAt: b))
                try await hub.call(route.method, path, token: b.organiserToken, json: walk.body(aimedAt: a))
                try await hub.call(route.method, path, json: [:])
            }
            try await hub.call(.post, "/api/v1/editions", token: a.organiserToken, raw: "{")
            try await hub.call(.post, "/sync/v1/join", json: ["code": "kjk_inv_nope"])
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-exchanges-\(UUID().uuidString).jsonl")
        try (await recorder.lines).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let check = try python([Self.root.appendingPathComponent("scripts/check_responses.py").path, file.path, Self.specPath])
        #expect(check.status == 0, "\(check.output)")
        #expect(await recorder.lines.count > 100)
    }
}
