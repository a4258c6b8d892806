import Foundation
import KijkjeTestSupport
import NIOCore
import NIOPosix
import Synchronization

/// A TCP proxy of ours in front of the hub processes that, drawn from a seed per connection, refuses connections,
/// delays what the client sends, and cuts the hub's answer off part-way. Faults can be switched off (the final
/// catch-up runs without them).
final class FaultProxy: Sendable {
    struct Counts: Sendable {
        var connections = 0, refused = 0, truncated = 0, delayed = 0
    }

    private struct State {
        var random: SplitMix
        var next = 0
        var faults = true
        var counts = Counts()
    }

    let upstreams: [Int]
    private let state: Mutex<State>

    init(upstreams: [Int], seed: UInt64) {
        self.upstreams = upstreams
        state = Mutex(State(random: SplitMix(seed: seed)))
    }

    var counts: Counts { state.withLock { $0.counts } }
    func setFaults(_ on: Bool) { state.withLock { $0.faults = on } }

    /// What happens to the next connection: its hub, and its faults.
    private func plan() -> (port: Int, refuse: Bool, delay: Duration?, cutAfter: Int?) {
        state.withLock { state in
            state.counts.connections += 1
            let port = upstreams[state.next % upstreams.count]
            state.next += 1
            guard state.faults else { return (port, false, nil, nil) }
            let roll = state.random.next(100)
            if roll < 5 {
                state.counts.refused += 1
                return (port, true, nil, nil)
            }
            if roll < 15 {
                state.counts.truncated += 1
                return (port, false, nil, 1 + state.random.next(2_000))
            }
            if roll < 35 {
                state.counts.delayed += 1
                return (port, false, .milliseconds(1 + state.random.next(40)), nil)
            }
            return (port, false, nil, nil)
        }
    }

    /// Listens on a free loopback port and serves connections until the task is cancelled; `ready` is told the port.
    func run(ready: @Sendable (Int) -> Void) async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        ready(server.channel.localAddress?.port ?? 0)
        try await server.executeThenClose { clients in
            try await withThrowingDiscardingTaskGroup { group in
                for try await client in clients {
                    group.addTask { await self.relay(client) }
                }
            }
        }
    }

    private static func connect(port: Int) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
        }
    }

    private func relay(_ client: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        let plan = plan()
        let hub = plan.refuse ? nil : try? await Self.connect(port: plan.port)
        guard let hub else {
            try? await client.channel.close()
            return
        }
        try? await client.executeThenClose { fromClient, toClient in
            try await hub.executeThenClose { fromHub, toHub in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await chunk in fromClient {
                            if let delay = plan.delay { try await Task.sleep(for: delay) }
                            try await toHub.write(chunk)
                        }
                    }
                    group.addTask {
                        var sent = 0
                        for try await var chunk in fromHub {
                            if let cut = plan.cutAfter, sent + chunk.readableBytes >= cut {
                                if let part = chunk.readSlice(length: max(0, cut - sent)) { try await toClient.write(part) }
                                return
                            }
                            sent += chunk.readableBytes
                            try await toClient.write(chunk)
                        }
                    }
                    // Either side ending ends the relay (the hub's answer cut off, or a side closed).
                    _ = try await group.next()
                    group.cancelAll()
                }
            }
        }
    }
}
