import Foundation
import Synchronization

/// Where people reach the hub, for links in mail: the configured public address, else the address and port it
/// listens on (known only once it listens when the port is 0).
final class ListeningAddress: Sendable {
    private let fixed: String?
    private let scheme: String
    private let host: String
    private let port: Mutex<Int>

    init(_ configuration: HubConfiguration) {
        fixed = configuration.publicURL.flatMap { $0.isEmpty ? nil : ($0.hasSuffix("/") ? String($0.dropLast()) : $0) }
        scheme = configuration.servesTLS ? "https" : "http"
        host = configuration.host == "0.0.0.0" ? "localhost" : configuration.host
        port = Mutex(configuration.port)
    }

    func set(port: Int) { self.port.withLock { $0 = port } }

    @Sendable func url() -> String { fixed ?? "\(scheme)://\(host):\(port.withLock { $0 })" }
}
