import Agent
import ArgumentParser
import Foundation
import KijkjeDomain

/// `kijkje-agent`: the school's agent. Local administration works with the hub down; `sync` and `run` talk to it.
@main
struct KijkjeAgent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kijkje-agent",
        abstract: "The school's agent: a local replica of the career week, synced with the hub.",
        subcommands: [
            Join.self, WorkshopCommand.self, OfferCommand.self, StaffCommand.self, Enrol.self, Enrolments.self, Absences.self,
            Status.self, Sync.self, Run.self, AdminLink.self,
        ])

    /// Every failure as one line on stderr and a non-zero exit.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? any AsyncParsableCommand { try await async.run() } else { try command.run() }
        } catch let error as AgentError {
            FileHandle.standardError.write(Data("kijkje-agent: \(error)\n".utf8))
            Foundation.exit(1)
        } catch let error as InvalidInput {
            FileHandle.standardError.write(Data("kijkje-agent: \(error.summary)\n".utf8))
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}

struct FolderOption: ParsableArguments {
    @Option(name: .long, help: "The agent's data folder (default: $KIJKJE_AGENT_DIR or ./kijkje-agent).")
    var dir: String?

    func open() throws -> AgentFolder { try AgentFolder.open(AgentFolder.location(dir)) }

    func admin() throws -> SchoolAdmin {
        let folder = try open()
        return SchoolAdmin(school: folder.settings.tenantId, replica: try folder.replica())
    }
}

struct Join: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Exchange the school's invitation code for the agent's credential.")
    @OptionGroup var folder: FolderOption
    @Option(help: "The hub's address, e.g. https://hub.example.nl") var hub: String
    @Option(help: "The invitation code from the organisers.") var code: String
    @Option(name: .customLong("ca-cert"), help: "Trust only this CA (PEM) for the hub's certificate.") var caCert: String?
    @Option(help: "What the credential is called in the organisers' list.") var label = "agent on \(ProcessInfo.processInfo.hostName)"

    func run() async throws {
        guard let url = URL(string: hub), url.scheme == "https" || url.scheme == "http" else {
            throw AgentError.usage("--hub must be an address like https://hub.example.nl")
        }
        let joined = try await AgentFolder.join(
            hub: url, code: code, caCertificate: caCert, at: AgentFolder.location(folder.dir),
            label: label)
        print("joined: school \(joined.settings.tenantId), data in \(joined.path.path); run kijkje-agent sync next")
    }
}

struct Sync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "One sync round: push pending changes, pull what changed.")
    @OptionGroup var folder: FolderOption
    @Option(help: "Rows per page.") var pageSize = 1000

    func run() async throws {
        let opened = try folder.open()
        let client = try opened.client()
        var sync = SyncSession(school: opened.settings.tenantId, replica: try opened.replica(), client: client)
        sync.pageSize = pageSize
        let meter = ProgressMeter()
        do {
            let done = try await sync.round { meter.show($0) }
            meter.finish()
            try await client.shutdown()
            print("synced: \(done.pushed) changes pushed, \(done.rowsApplied) rows pulled")
        } catch {
            meter.finish()
            try? await client.shutdown()
            throw error
        }
    }
}

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Cursors, pending changes, last sync and last error.")
    @OptionGroup var folder: FolderOption

    func run() async throws {
        let opened = try folder.open()
        let replica = try opened.replica()
        print("hub: \(opened.settings.hub.absoluteString)  school: \(opened.settings.tenantId)")
        for cursor in try replica.cursors() { print("scope \(cursor.scope): version \(cursor.version)") }
        let outbox = try replica.outbox()
        print("pending changes: \(outbox.filter(\.isPending).count)  refused: \(outbox.filter { $0.result?.status == .refused }.count)")
        print("last successful sync: \(try replica.state("last_success") ?? "never")")
        let error = try replica.state("last_error") ?? ""
        print("last error: \(error.isEmpty ? "none" : error)")
    }
}
