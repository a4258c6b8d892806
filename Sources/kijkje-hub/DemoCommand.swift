import ArgumentParser
import Demo
import Foundation
import Logging

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a whole career week (on the embedded SQLite store unless --database names another): a generated network, "
            + "one agent per school, the summary.")

    @Option(help: "Seed of the generated network and everyone's wishes.") var seed: UInt64 = 2026
    @Option(help: "Member schools in the network (two guest schools join per 35).") var schools = 35
    @Option(help: "Staff in the network's schools, spread over them.") var staff = 7000
    @Option(help: "Folder for the demo's store, mailbox and agents; a former demo's folder is emptied first.")
    var dataDir = "./kijkje-demo"
    @Option(
        help: "An empty PostgreSQL or Citus database for the hub (postgres://user@host:port/name) instead of the embedded SQLite store.")
    var database: String?
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port).") var port = 8080
    @Flag(help: "End after the summary instead of keeping the hub running.") var exit = false
    @Option(help: "Log level of the hub's JSON log on standard error.") var logLevel = "warning"

    func validate() throws {
        guard (1...2000).contains(schools) else { throw ValidationError("--schools must be between 1 and 2000") }
        guard (schools * 8...2_000_000).contains(staff) else {
            throw ValidationError("--staff must be at least 8 per school and at most 2000000")
        }
    }

    func run() async throws {
        var options = DemoOptions()
        options.seed = seed
        options.schools = schools
        options.staff = staff
        options.dataDirectory = dataDir
        options.databaseURL = database
        options.host = host
        options.port = port
        options.exit = exit
        guard let level = Logger.Level(rawValue: logLevel) else { throw ValidationError("unknown log level \(logLevel)") }
        let logger = bootstrapLogging(level)
        // Each line as it comes, also into a pipe or a file.
        try await Demo.run(options, logger: logger) { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    }
}
