import AsyncHTTPClient
import Foundation
import KijkjeSync
import Hub
import HubStore
import KijkjeTestSupport
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Testing

/// The hub as it really runs: on a socket, over real TLS, and as the built `kijkje-hub` program.
@Suite("Serving")
struct ServingTests {
    @Test("the hub serves HTTPS with its certificate, which a client trusting the private CA accepts", arguments: StoreKind.allCases)
    func servesTLS(kind: StoreKind) async throws {
        let certificates = try TestCertificates.make()
        var configuration = HubConfiguration()
        configuration.port = 0
        configuration.tlsCertificatePath = certificates.serverCertificatePath
        configuration.tlsKeyPath = certificates.serverKeyPath
        let settings = configuration
        try await withStore(kind) { store in
            let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
            var logger = Logger(label: "kijkje.hub.test")
            logger.logLevel = .error
            let app = try buildApplication(settings, store: store, logger: logger) { port in portSink.yield(port) }
            let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var iterator = ports.makeAsyncIterator()
                let port = try #require(await iterator.next())

                var trusting = TLSConfiguration.makeClientConfiguration()
                trusting.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(certificates.caPEM.utf8)))
                let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: trusting))
                let response = try await client.execute(HTTPClientRequest(url: "https://localhost:\(port)/health"), timeout: .seconds(10))
                #expect(response.status == .ok)
                let body = try await response.body.collect(upTo: 1024)
                #expect(String(buffer: body) == #"{"status":"ok"}"#)
                try await client.shutdown()

                // A client that trusts only the system roots refuses the private certificate.
                let strict = HTTPClient(eventLoopGroupProvider: .singleton)
                await #expect(throws: (any Error).self) {
                    _ = try await strict.execute(HTTPClientRequest(url: "https://localhost:\(port)/health"), timeout: .seconds(10))
                }
                try await strict.shutdown()
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }

    @Test("kijkje-hub serve with no configuration answers /health and stops cleanly on SIGTERM")
    func serveCommand() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let hub = try await HubProcess(arguments: [], folder: folder)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let response = try await client.execute(HTTPClientRequest(url: "\(hub.baseURL)/health"), timeout: .seconds(5))
        try await client.shutdown()
        #expect(response.status == .ok)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("kijkje-data/hub.sqlite").path))
        #expect(try await hub.stop(), "the hub ends with status 0 on SIGTERM")
    }
}
