import Foundation
import KijkjeSync
import HTTPTypes
import Hub
import HubStore
import Hummingbird
import HummingbirdTesting
import KijkjeDomain
import KijkjeTestSupport
import Logging
import NIOCore

/// A hub on a fresh store of one kind, called in-process through its real router and middleware.
struct HubHarness: Sendable {
    let client: any TestClientProtocol
    let store: SQLHubStore
    let operatorToken: String
    /// When set, every exchange is kept for checking against the OpenAPI document.
    var recorder: ExchangeRecorder?

    struct Reply: Sendable {
        let status: Int
        let body: Data
        let contentType: String?

        var text: String { String(decoding: body, as: UTF8.self) }
        var object: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
        var items: [[String: Any]] { (object["items"] as? [[String: Any]]) ?? [] }
        func string(_ key: String) -> String { object[key] as? String ?? "" }
        /// The problem's stable type name ("invalid-fields"), or "" for a non-problem body.
        var problem: String { string("type").replacingOccurrences(of: "urn:kijkje:problem:", with: "") }
        var fields: [String] { ((object["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String } }
    }

    /// Sends one request; `json` is encoded as the body, `raw` is sent as it is.
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: [String: Any]? = nil,
        raw: String? = nil
    ) async throws -> Reply {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json { body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)) }
        if let raw { body = ByteBuffer(string: raw) }
        let reply = try await client.execute(uri: path, method: method, headers: headers, body: body) { response in
            Reply(
                status: Int(response.status.code), body: Data(buffer: response.body),
                contentType: response.headers[.contentType])
        }
        await recorder?.record(method: method.rawValue, path: path, reply: reply)
        return reply
    }
}

/// Keeps request/response pairs as JSON lines for `scripts/check_responses.py`.
actor ExchangeRecorder {
    private(set) var lines: [String] = []

    func record(method: String, path: String, reply: HubHarness.Reply) {
        let exchange: [String: Any] = [
            "method": method, "path": path, "status": reply.status,
            "content_type": reply.contentType ?? "", "body": reply.text,
        ]
        if let data = try? JSONSerialization.data(withJSONObject: exchange) { lines.append(String(decoding: data, as: UTF8.self)) }
    }
}

/// Runs `body` against a hub on a fresh store of `kind`, with an operator token made the way the CLI makes it.
/// `live` serves on a real socket on 127.0.0.1 (the client's `port`) with the configured timers running.
func withHub(
    _ kind: StoreKind, configuration: HubConfiguration = HubConfiguration(), live: Bool = false,
    recorder: ExchangeRecorder? = nil, _ body: @escaping @Sendable (HubHarness) async throws -> Void
) async throws {
    try await withStore(kind) { store in
        let token = try await IssuedToken.issue(.operatorAccount, networkId: nil, label: "test operator", in: store).token
        var logger = Logger(label: "kijkje.hub.test")
        logger.logLevel = .error
        // The hub's own timers (mail courier, enrolment clock) stay quiet: tests drive them by hand with chosen times.
        var quiet = configuration
        if !live {
            quiet.mailInterval = .seconds(3600)
            quiet.clockIntervalSeconds = 3600
        }
        let app = try buildApplication(quiet, store: store, logger: logger)
        try await app.test(live ? .live : .router) { client in
            try await body(HubHarness(client: client, store: store, operatorToken: token, recorder: recorder))
        }
    }
}

/// A network set up through the API: its organiser token and one of each object.
struct SeededNetwork: Sendable {
    let networkId: String
    let organiserToken: String
    let organiserTokenId: String
    let tenantId: String
    let editionId: String
    let sessionId: String
    let offerId: String
    let personId: String
    let invitationId: String
    let enrolmentId: String
    let requestId: String
    let matchId: String
    let agentToken: String
    let domain: String

    /// Every id of the network, for checking that none turns up where it must not.
    var ids: [String] {
        [networkId, organiserTokenId, tenantId, editionId, sessionId, offerId, personId, invitationId, enrolmentId, requestId, matchId]
    }
}

enum Payload {
    static func tenant(brin: String, domain: String, name: String = "Het Baken", membership: String? = nil) -> [String: Any] {
        var json: [String: Any] = [
            "name": name, "brin": brin, "town": "Zwolle", "latitude": 52.51, "longitude": 6.08,
            "email_domains": [domain], "head_counts": ["teacher": 120, "principal": 2],
        ]
        if let membership { json["membership"] = membership }
        return json
    }

    static var edition: [String: Any] {
        [
            "year": 2026, "days": ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"],
            "registration_opens_at": "2026-09-01T08:00:00Z", "registration_closes_at": "2026-10-15T17:00:00Z",
            "allocation_mode": "fcfs", "claim_window_hours": 24, "matching_deadline": "2026-10-22T17:00:00Z",
        ]
    }

    static func session(edition: String, tenant: String, title: String = "Formatief evalueren") -> [String: Any] {
        [
            "edition_id": edition, "tenant_id": tenant, "title": title, "location": "Lokaal 12",
            "starts_at": "2026-11-17T09:00:00Z", "ends_at": "2026-11-17T10:30:00Z", "capacity": 12, "topics": ["didactiek"],
        ]
    }

    static func offer(edition: String, tenant: String, host: String) -> [String: Any] {
        [
            "edition_id": edition, "tenant_id": tenant, "host_person_id": host, "role": "principal",
            "subjects": ["leiderschap"], "school_type": "havo_vwo", "days": ["2026-11-18"], "capacity": 2,
        ]
    }

    static func person(domain: String, name: String = "Anna de Vries") -> [String: Any] {
        ["name": name, "email": "anna@\(domain)", "role": "principal"]
    }
}

extension HubHarness {
    /// Sets up a network with one of everything through the API, as an operator and an organiser would.
    func seed(_ name: String) async throws -> SeededNetwork {
        let digits = String(Int.random(in: 10...99))
        let letters = String((0..<2).map { _ in Character(UnicodeScalar(UInt8.random(in: 65...90))) })
        let domain = "\(name.lowercased())-\(UUID().uuidString.prefix(6).lowercased()).nl"
        let network = try await call(.post, "/api/v1/networks", token: operatorToken, json: ["name": name])
        let networkId = network.string("id")
        let issued = try await call(
            .post, "/api/v1/networks/\(networkId)/organiser-tokens", token: operatorToken,
            json: ["label": "organiser \(name)"])
        let org = issued.string("token")
        let tokenId = (issued.object["credential"] as? [String: Any])?["id"] as? String ?? ""
        let tenant = try await call(
            .post, "/api/v1/tenants", token: org, json: Payload.tenant(brin: digits + letters, domain: domain, name: "School \(name)"))
        let tenantId = tenant.string("id")
        let edition = try await call(.post, "/api/v1/editions", token: org, json: Payload.edition).string("id")
        let session = try await call(.post, "/api/v1/sessions", token: org, json: Payload.session(edition: edition, tenant: tenantId))
            .string("id")
        let person = try await call(.post, "/api/v1/tenants/\(tenantId)/people", token: org, json: Payload.person(domain: domain)).string(
            "id")
        let offer = try await call(
            .post, "/api/v1/shadow-offers", token: org,
            json: Payload.offer(edition: edition, tenant: tenantId, host: person)
        ).string("id")
        let used = try await call(.post, "/api/v1/invitations", token: org, json: ["tenant_id": tenantId])
        let agent = try await call(.post, "/sync/v1/join", json: ["code": used.string("code")]).string("token")
        let open = try await call(.post, "/api/v1/invitations", token: org, json: ["tenant_id": tenantId])
        let invitationId = (open.object["invitation"] as? [String: Any])?["id"] as? String ?? ""
        let enrolment = try await call(
            .post, "/api/v1/enrolments", token: org,
            json: ["tenant_id": tenantId, "person_id": person, "session_id": session]
        ).string("id")
        let requester = try await call(
            .post, "/api/v1/tenants/\(tenantId)/people", token: org,
            json: ["name": "Bram Bakker", "email": "bram@\(domain)", "role": "teacher"]
        ).string("id")
        let request = try await call(
            .post, "/api/v1/shadow-requests", token: org,
            json: [
                "edition_id": edition, "tenant_id": tenantId, "person_id": requester, "roles": ["principal"],
                "own_school_allowed": true, "days": ["2026-11-18"], "motivation": "Ik wil schoolleider worden",
            ]
        ).string("id")
        _ = try await call(.post, "/api/v1/editions/\(edition)/shadow-matching", token: org, json: ["seed": 1])
        let match = try await call(.get, "/api/v1/editions/\(edition)/shadow-matches", token: org).items.first?["id"] as? String ?? ""
        let seeded = SeededNetwork(
            networkId: networkId, organiserToken: org, organiserTokenId: tokenId, tenantId: tenantId,
            editionId: edition, sessionId: session, offerId: offer, personId: person,
            invitationId: invitationId, enrolmentId: enrolment, requestId: request, matchId: match,
            agentToken: agent, domain: domain)
        guard !seeded.ids.contains(""), !agent.isEmpty else { throw TestSetupError("seeding \(name) failed: \(seeded)") }
        return seeded
    }
}

/// Whether a route is a portal page (HTML, signed in by cookie) rather than the JSON API, sync or operations.
func isPortalPage(_ path: String) -> Bool {
    !["/api/", "/sync/", "/health", "/ready", "/metrics"].contains { path.hasPrefix($0) }
}
