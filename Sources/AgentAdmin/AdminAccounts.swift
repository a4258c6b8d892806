import Crypto
import Foundation
import HummingbirdBcrypt
import KijkjeDomain

/// The school's administrators and their one-time sign-in links, kept in the agent's folder (files of mode 0600):
/// each administrator's name and a bcrypt hash of the password (cost 12); each link only as a SHA-256 hash.
public struct AdminAccounts: Sendable {
    struct Account: Codable, Sendable { var name: String; var hash: String }
    struct Link: Codable, Sendable { var hash: String; var expires: Date }

    public let folder: URL
    public static let minimumPassword = 10
    static let decoy = Bcrypt.hash("no administrator has this name", cost: 12)

    public init(folder: URL) { self.folder = folder }

    var accountsFile: URL { folder.appendingPathComponent("admins.json") }
    var linksFile: URL { folder.appendingPathComponent("admin-links.json") }

    func accounts() -> [Account] { read(accountsFile) ?? [] }

    public var names: [String] { accounts().map(\.name) }

    /// Adds an administrator (or sets a new password for one); refuses a short password or a name in use by another.
    public func add(name: String, password: String, replacing: Bool = false) throws(AdminRefusal) {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 80 else { throw .invalid("name", "is required (at most 80 characters)") }
        guard password.count >= Self.minimumPassword else {
            throw .invalid("password", "needs at least \(Self.minimumPassword) characters")
        }
        var all = accounts()
        if let index = all.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            guard replacing else { throw .invalid("name", "is taken by another administrator") }
            all.remove(at: index)
        }
        all.append(Account(name: name, hash: Bcrypt.hash(password, cost: 12)))
        try write(all, to: accountsFile)
    }

    /// The administrator's name when the password is theirs.
    public func verify(name: String, password: String) -> String? {
        guard let account = accounts().first(where: { $0.name.lowercased() == name.lowercased() }) else {
            // Hash anyway, so a wrong name takes as long as a wrong password.
            _ = Bcrypt.verify(password, hash: Self.decoy)
            return nil
        }
        return Bcrypt.verify(password, hash: account.hash) ? account.name : nil
    }

    /// A sign-in link's secret (printed by `kijkje-agent admin-link`), good once for `validFor` seconds.
    public func issueLink(validFor: TimeInterval = 15 * 60, at now: Date = Date()) throws(AdminRefusal) -> String {
        let token =
            "kjk_adm_"
            + Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let links = (read(linksFile) ?? [Link]()).filter { $0.expires > now } + [Link(hash: Self.hash(token), expires: now + validFor)]
        try write(links, to: linksFile)
        return token
    }

    /// Uses a link up; false when it is unknown, used or expired.
    public func useLink(_ token: String, at now: Date = Date()) -> Bool {
        let links: [Link] = read(linksFile) ?? []
        let hash = Self.hash(token)
        guard links.contains(where: { $0.hash == hash && $0.expires > now }) else { return false }
        return (try? write(links.filter { $0.hash != hash && $0.expires > now }, to: linksFile)) != nil
    }

    static func hash(_ token: String) -> String { Digits.hex(SHA256.hash(data: Data(token.utf8))) }

    private func read<T: Decodable>(_ file: URL) -> T? {
        FileManager.default.contents(atPath: file.path).flatMap { try? JSONDecoder().decode(T.self, from: $0) }
    }

    private func write(_ value: some Encodable, to file: URL) throws(AdminRefusal) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let data = try JSONEncoder().encode(value)
            let temporary = file.appendingPathExtension("tmp")
            guard FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
                throw AdminRefusal.setup("cannot write \(file.path)")
            }
            // rename(2) replaces the file in one step, keeping the new one's mode (0600).
            guard rename(temporary.path, file.path) == 0 else { throw AdminRefusal.setup("cannot replace \(file.path)") }
        } catch let refusal as AdminRefusal {
            throw refusal
        } catch {
            throw .setup("cannot write \(file.path): \(error)")
        }
    }
}

/// Why the administrator's page refused something, in one line.
public enum AdminRefusal: Error, CustomStringConvertible, Equatable {
    case invalid(String, String)
    case setup(String)
    case signInFirst
    case formExpired
    case notJoined
    case joined

    public var description: String {
        switch self {
        case .invalid(let field, let message): "\(field) \(message)"
        case .setup(let message): message
        case .signInFirst: "sign in first"
        case .formExpired: "the form has expired; open the page again"
        case .notJoined: "this agent has not joined its network yet"
        case .joined: "this agent has joined already"
        }
    }
}
