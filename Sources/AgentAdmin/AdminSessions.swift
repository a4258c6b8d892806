import Foundation

/// Signed-in administrators, in memory (a restart signs everyone out): a session per cookie secret, with its form
/// token and, between the staff list's preview and its confirmation, the uploaded text.
actor AdminSessions {
    struct Session: Sendable {
        var name: String
        var csrf: String
        var expires: Date
        var pendingStaff: String?
    }

    private var sessions: [String: Session] = [:]
    static let lifetime: TimeInterval = 8 * 3600

    /// A new session for an administrator; returns the cookie's secret.
    func start(name: String, at now: Date = Date()) -> String {
        sessions = sessions.filter { $0.value.expires > now }
        let secret = Self.secret()
        sessions[AdminAccounts.hash(secret)] = Session(name: name, csrf: Self.secret(), expires: now + Self.lifetime)
        return secret
    }

    func session(_ secret: String?, at now: Date = Date()) -> Session? {
        guard let secret, let session = sessions[AdminAccounts.hash(secret)], session.expires > now else { return nil }
        return session
    }

    func setPendingStaff(_ text: String?, for secret: String) {
        sessions[AdminAccounts.hash(secret)]?.pendingStaff = text
    }

    func end(_ secret: String?) {
        if let secret { sessions[AdminAccounts.hash(secret)] = nil }
    }

    static func secret() -> String {
        Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
