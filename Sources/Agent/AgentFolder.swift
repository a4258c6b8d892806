import Foundation
import KijkjeSync

/// The agent's data folder: its settings, its credential (mode 0600) and its replica.
public struct AgentFolder: Sendable {
    public struct Settings: Codable, Sendable, Equatable {
        public var hub: URL
        public var tenantId: UUID
        public var networkId: UUID
        public var credentialId: UUID
        public var caCertificate: String?
    }

    public let path: URL
    public let settings: Settings
    let token: String

    /// The folder from `--dir`, else `KIJKJE_AGENT_DIR`, else `./kijkje-agent`.
    public static func location(_ option: String?) -> URL {
        URL(fileURLWithPath: option ?? ProcessInfo.processInfo.environment["KIJKJE_AGENT_DIR"] ?? "kijkje-agent")
    }

    /// Exchanges an invitation code for this school's credential and keeps both in a new data folder.
    public static func join(hub: URL, code: String, caCertificate: String?, at path: URL, label: String) async throws -> AgentFolder {
        if FileManager.default.fileExists(atPath: path.appendingPathComponent("credential").path) {
            throw AgentError.usage("\(path.path) already holds a joined agent; use another --dir")
        }
        let ca = caCertificate.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let client = try HubClient(hub: hub, token: nil, caCertificatePath: ca)
        let joined: JoinResponse
        do {
            joined = try await client.join(code: code, label: label)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
        try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        let settings = Settings(
            hub: hub, tenantId: joined.tenantId, networkId: joined.networkId, credentialId: joined.credentialId,
            caCertificate: ca)
        let credential = path.appendingPathComponent("credential")
        guard
            FileManager.default.createFile(
                atPath: credential.path, contents: Data(joined.token.utf8),
                attributes: [.posixPermissions: 0o600])
        else { throw AgentError.usage("cannot write \(credential.path)") }
        try JSONEncoder.hub.encode(settings).write(to: path.appendingPathComponent("agent.json"), options: .atomic)
        return AgentFolder(path: path, settings: settings, token: joined.token)
    }

    /// The joined agent in `path`.
    public static func open(_ path: URL) throws -> AgentFolder {
        let settingsFile = path.appendingPathComponent("agent.json")
        guard let data = FileManager.default.contents(atPath: settingsFile.path),
            let token = FileManager.default.contents(atPath: path.appendingPathComponent("credential").path)
        else { throw AgentError.usage("\(path.path) holds no joined agent; run kijkje-agent join --hub URL --code CODE first") }
        return AgentFolder(
            path: path, settings: try JSONDecoder.hub.decode(Settings.self, from: data),
            token: String(decoding: token, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    public func replica(cacheKilobytes: Int = Replica.defaultCacheKilobytes) throws -> Replica {
        try Replica(path: path.appendingPathComponent("replica.sqlite").path, cacheKilobytes: cacheKilobytes)
    }

    public func client() throws -> HubClient {
        try HubClient(hub: settings.hub, token: token, caCertificatePath: settings.caCertificate)
    }
}
