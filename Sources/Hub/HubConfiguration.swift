import Foundation
import Logging

/// Everything the hub can be told; every setting has a default, so the embedded SQLite hub needs none.
public struct HubConfiguration: Sendable {
    /// Address to listen on.
    public var host = "127.0.0.1"
    /// Port to listen on; 0 asks the system for a free one.
    public var port = 8080
    /// Where the embedded SQLite store lives (`hub.sqlite` inside it), when no database URL is given.
    public var dataDirectory = "./kijkje-data"
    /// A `postgres://` URL; nil runs on the embedded SQLite store.
    public var databaseURL: String?
    /// PEM certificate chain and key; with both the hub serves HTTPS itself.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// The largest request body accepted, in bytes (larger answers 413).
    public var maxBodyBytes = 256 * 1024
    /// How long an invitation code stays valid unless the organiser says otherwise.
    public var invitationValidDays = 14
    public var logLevel: Logger.Level = .info
    /// How often unclaimed offers are let lapse and due ranked allocations are run.
    public var clockIntervalSeconds = 30

    public init() {}

    /// The SQLite file used when no database URL is given.
    public var sqlitePath: String { URL(fileURLWithPath: dataDirectory).appendingPathComponent("hub.sqlite").path }
}
