import AsyncHTTPClient
import Foundation
import KijkjeSync
import NIOCore
import NIOHTTP1
import NIOSSL

/// The agent's HTTPS connection to its hub. The hub's certificate is verified: against the system's roots, or
/// against a private CA (`--ca-cert`) only.
public final class HubClient: Sendable {
    public let hub: URL
    /// The pull's address, made once: an idle agent pulls every few seconds.
    private let pullURL: String
    private static let pullPath = "sync/v1/pull"
    let token: String?
    let http: HTTPClient

    public init(hub: URL, token: String?, caCertificatePath: String?) throws {
        self.hub = hub
        pullURL = hub.appendingPathComponent(Self.pullPath).absoluteString
        self.token = token
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caCertificatePath {
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caCertificatePath))
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        // Idle connections are closed here before the hub closes them (after 30 s by default): a request sent on a
        // connection the hub is closing at that moment failed with "I/O on closed channel".
        configuration.connectionPool.idleTimeout = .seconds(10)
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func shutdown() async throws { try await http.shutdown() }

    /// `GET /health`: whether the hub answers at all.
    public func health() async throws {
        let response = try await http.execute(
            HTTPClientRequest(url: hub.appendingPathComponent("health").absoluteString), timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 4096)
        guard response.status == .ok else { throw AgentError.hubUnreachable("/health answered \(response.status.code)") }
    }

    public func join(code: String, label: String) async throws -> JoinResponse {
        try await post("sync/v1/join", JoinRequest(code: code, label: label), as: JoinResponse.self)
    }

    public func pull(_ request: PullRequest) async throws -> PullResponse {
        try await post(Self.pullPath, request, as: PullResponse.self, timeout: .seconds(Int64(request.waitSeconds ?? 0) + 60))
    }

    public func push(_ mutations: [Mutation]) async throws -> PushResponse {
        try await post("sync/v1/push", PushRequest(mutations: mutations), as: PushResponse.self)
    }

    /// A JSON call to any hub route with this client's token (the demo's organiser uses the organiser API this way).
    public func call<Answer: Decodable>(
        _ method: HTTPMethod, _ path: String, _ body: (any Encodable)? = nil, as: Answer.Type,
        timeout: TimeAmount = .seconds(60)
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: path == Self.pullPath ? pullURL : hub.appendingPathComponent(path).absoluteString)
        request.method = method
        request.headers.add(name: SyncProtocol.header, value: String(SyncProtocol.version))
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            // An idle agent pulls every few seconds: its request is written by hand.
            request.body =
                if let pull = body as? PullRequest { .bytes(ByteBuffer(string: pull.json)) } else {
                    .bytes(ByteBuffer(bytes: try JSONEncoder.hub.encode(body)))
                }
        }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: timeout)
        } catch {
            throw AgentError.hubUnreachable("\(hub.absoluteString): \(error)")
        }
        let bytes = Data(try await response.body.collect(upTo: 512 * 1024 * 1024).readableBytesView)
        guard (200..<300).contains(response.status.code) else {
            if let problem = try? JSONDecoder.hub.decode(ProblemDetails.self, from: bytes) { throw AgentError.problem(problem) }
            throw AgentError.hubUnreachable("the hub answered \(response.status.code) without a problem description")
        }
        if bytes.isEmpty, let none = NoContent() as? Answer { return none }
        // A pull's rows go into the replica as the hub sent them (see `PullResponseReader`).
        if Answer.self == PullResponse.self, let pulled = try PullResponseReader.read(bytes) as? Answer { return pulled }
        return try JSONDecoder.hub.decode(Answer.self, from: bytes)
    }

    private func post<Body: Encodable, Answer: Decodable>(
        _ path: String, _ body: Body, as: Answer.Type,
        timeout: TimeAmount = .seconds(60)
    ) async throws -> Answer {
        try await call(.POST, path, body, as: Answer.self, timeout: timeout)
    }
}

/// The answer of a call that answers 204 (a removal).
public struct NoContent: Decodable, Sendable {
    public init() {}
}

/// What the agent reports to the administrator, in one line each.
public enum AgentError: Error, CustomStringConvertible, Sendable {
    /// The hub's problem-details answer.
    case problem(ProblemDetails)
    /// No answer (network, TLS, timeout); retried later.
    case hubUnreachable(String)
    /// Something the administrator asked for that cannot be done.
    case usage(String)

    public var description: String {
        switch self {
        case .problem(let problem): problem.oneLine
        case .hubUnreachable(let detail): "the hub cannot be reached: \(detail)"
        case .usage(let detail): detail
        }
    }
}
