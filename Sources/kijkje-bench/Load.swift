import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Many clients sending requests to one hub: for a while, or a fixed list; rates and latencies.
struct Load {
    let client: HTTPClient
    let base: String
    let clients: Int

    struct Outcome {
        var rate: Double
        var p50: Double
        var p99: Double

        init(count: Int, since start: ContinuousClock.Instant, latencies: [Double]) {
            rate = Double(count) / (ContinuousClock.now - start).seconds
            p50 = percentile(latencies, 0.5)
            p99 = percentile(latencies, 0.99)
        }
    }

    static func get(_ path: String, cookie: String? = nil) -> (String, HTTPClientRequest) {
        var request = HTTPClientRequest(url: path)
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        return (path, request)
    }

    static func post(_ path: String, form: String, cookie: String) -> (String, HTTPClientRequest) {
        var (_, request) = get(path, cookie: cookie)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: form))
        return (path, request)
    }

    /// Sends one request; returns its latency, or throws when the status is not the one expected.
    func send(_ request: (path: String, request: HTTPClientRequest), expect status: HTTPResponseStatus) async throws -> Double {
        try await exchange(request, expect: status).seconds
    }

    /// Sends one request; returns its latency and the size of the answer's body.
    func exchange(
        _ request: (path: String, request: HTTPClientRequest), expect status: HTTPResponseStatus
    ) async throws -> (seconds: Double, bytes: Int) {
        var request = request
        request.request.url = base + request.path
        let began = ContinuousClock.now
        let response = try await client.execute(request.request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 22)
        guard response.status == status else {
            throw BenchmarkError("\(request.path) answered \(response.status.code): \(String(buffer: body).prefix(300))")
        }
        return ((ContinuousClock.now - began).seconds, body.readableBytes)
    }

    /// Every client sends requests one after the other for `seconds`; `make(n)` makes the n-th request.
    func hammer(
        seconds: Double, _ make: @escaping @Sendable (Int) -> ((String, HTTPClientRequest), HTTPResponseStatus)
    ) async throws -> Outcome {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let start = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<clients {
                group.addTask {
                    var mine: [Double] = []
                    var n = worker
                    while ContinuousClock.now < deadline {
                        let (request, status) = make(n)
                        mine.append(try await send(request, expect: status))
                        n += clients
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        return Outcome(count: latencies.count, since: start, latencies: latencies)
    }

    /// `count` jobs spread over the clients; each returns the latency that counts.
    func each(_ count: Int, _ job: @escaping @Sendable (Int) async throws -> Double) async throws -> Outcome {
        let start = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<clients {
                group.addTask {
                    var mine: [Double] = []
                    for n in stride(from: worker, to: count, by: clients) { mine.append(try await job(n)) }
                    return mine
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        return Outcome(count: count, since: start, latencies: latencies)
    }
}
