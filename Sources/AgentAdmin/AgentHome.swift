import Agent
import Foundation
import KijkjeDomain
import KijkjeSync
import Logging
import Mailing
import ServiceLifecycle
import Synchronization

/// The agent as its administrator's pages see it: the data folder, joined to a network or not yet, with its replica
/// opened once it is.
public final class AgentHome: Sendable {
    public let path: URL
    /// How the school's own mail (invitations to its staff) goes out: its SMTP server, or `.eml` files in the folder.
    public let mail: any MailTransport
    private let joinedState: Mutex<(folder: AgentFolder, replica: Replica)?>

    public init(path: URL, mail: (any MailTransport)? = nil) {
        self.path = path
        self.mail =
            mail
            ?? MailboxFolder(directory: path.appendingPathComponent("mailbox").path, from: "kijkje@localhost", fromName: "Kijkje")
        joinedState = Mutex(nil)
        if let folder = try? AgentFolder.open(path), let replica = try? folder.replica() {
            joinedState.withLock { $0 = (folder, replica) }
        }
    }

    public var joined: (folder: AgentFolder, replica: Replica)? { joinedState.withLock { $0 } }

    public var accounts: AdminAccounts { AdminAccounts(folder: path) }

    /// Joins with an invitation code (as `kijkje-agent join` does); from then on the sync loop runs.
    public func join(hub: URL, code: String, caCertificate: String?, label: String) async throws {
        guard joined == nil else { throw AdminRefusal.joined }
        let folder = try await AgentFolder.join(hub: hub, code: code, caCertificate: caCertificate, at: path, label: label)
        let replica = try folder.replica()
        joinedState.withLock { $0 = (folder, replica) }
    }

    public var admin: SchoolAdmin? { joined.map { SchoolAdmin(school: $0.folder.settings.tenantId, replica: $0.replica) } }
}

/// `kijkje-agent run`'s syncing: waits until the agent has joined (through its page, if it had not), then syncs
/// as `AgentDaemon` does until the agent stops.
public struct HomeSync: Service {
    let home: AgentHome
    let waitSeconds: Int
    let logger: Logger

    public init(home: AgentHome, waitSeconds: Int, logger: Logger) {
        self.home = home
        self.waitSeconds = waitSeconds
        self.logger = logger
    }

    public func run() async throws {
        while home.joined == nil {
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
        }
        guard let (folder, replica) = home.joined else { return }
        let client = try folder.client()
        let daemon = AgentDaemon(
            sync: SyncSession(school: folder.settings.tenantId, replica: replica, client: client), waitSeconds: waitSeconds, logger: logger)
        try await daemon.run()
        try await client.shutdown()
    }
}

extension Replica {
    /// The newest edition the hub has sent, if any.
    func currentEdition() throws -> Edition? { try rows(.edition, as: Edition.self).values.max { $0.year < $1.year } }

    /// Addresses (lower case) of the school's colleagues the hub knows: those who took part or host a shadow day.
    func takenPart(school: UUID) throws -> Set<String> {
        Set(try rows(.person, as: Person.self).values.filter { $0.tenantId == school }.map { $0.email.lowercased() })
    }

    /// Addresses (lower case) of the colleagues invited so far.
    func invited() throws -> Set<String> { Set(try state("invited")?.split(separator: "\n").map(String.init) ?? []) }

    func setInvited(_ invited: Set<String>) throws { try setState("invited", invited.sorted().joined(separator: "\n")) }
}
