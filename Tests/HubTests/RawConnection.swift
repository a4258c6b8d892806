import Foundation
import NIOCore
import NIOPosix

/// A plain TCP connection to a hub on loopback, for what no HTTP client would send: broken framing, a request
/// that never ends, a connection left idle.
struct RawConnection {
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>

    static func open(port: Int) async throws -> RawConnection {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        return RawConnection(channel: channel)
    }

    /// Sends `text`, then reads until the hub closes the connection or `timeout` passes; what came back, and
    /// whether the hub closed it.
    func exchange(_ text: String, timeout: Duration) async throws -> (reply: String, closed: Bool) {
        try await exchange(chunks: text.isEmpty ? [] : [text], every: .zero, timeout: timeout)
    }

    /// Sends the chunks one by one, `every` apart (a client that trickles), while reading as above.
    func exchange(chunks: [String], every interval: Duration, timeout: Duration) async throws -> (reply: String, closed: Bool) {
        try await channel.executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: (String, Bool)?.self) { group in
                group.addTask {
                    var reply = ""
                    do {
                        for try await chunk in inbound { reply += String(buffer: chunk) }
                    } catch let error as IOError where error.errnoCode == ECONNRESET {
                        // The hub closed while a chunk was on its way: the kernel answers the chunk with a reset.
                    }
                    return (reply, true)
                }
                group.addTask {
                    for chunk in chunks {
                        try? await outbound.write(ByteBuffer(string: chunk))
                        try await Task.sleep(for: interval)
                    }
                    try await Task.sleep(for: timeout)
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first ?? ("", false)
            }
        }
    }
}
