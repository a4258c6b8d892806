import Foundation
import Hub
import HubStore
import Logging
import ServiceLifecycle

/// A hub for a benchmark on the given configuration (port 0: the operating system picks one), serving while
/// `body` runs with its port and store, then shut down.
func withBenchHub(
    _ configuration: HubConfiguration, logger: Logger, _ body: (_ port: Int, _ store: any HubStore) async throws -> Void
) async throws {
    var configuration = configuration
    configuration.port = 0
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    let opened = try OpenedStore.open(configuration, logger: logger)
    let app = try buildApplication(configuration, store: opened.store, services: opened.service.map { [$0] } ?? [], logger: logger) {
        portSink.yield($0)
    }
    let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw BenchmarkError("the hub did not start") }
        do {
            try await body(port, opened.store)
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}

extension Logger {
    /// A hub's logger for benchmarks: errors only.
    static var quietBench: Logger {
        var logger = Logger(label: "kijkje.bench")
        logger.logLevel = .error
        return logger
    }
}
