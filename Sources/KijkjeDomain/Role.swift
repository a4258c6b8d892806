import Foundation

/// What someone does at a school; head counts, shadow wishes and offers use the same words.
public enum Role: String, Sendable, Codable, CaseIterable {
    case teacher
    case supportStaff = "support_staff"
    case teamLeader = "team_leader"
    case principal
    case boardMember = "board_member"
    case other

    /// The accepted words, for error messages.
    public static var accepted: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Who may see a session or shadow offer: the own school, the network, or also guests.
public enum Visibility: String, Sendable, Codable, CaseIterable {
    case school
    case network
    case all

    /// Whether someone of `viewer`'s school (a guest of the network or not) may see what `owner`'s school shares.
    public func admits(viewer: UUID, owner: UUID, viewerIsGuest: Bool) -> Bool {
        switch self {
        case .school: viewer == owner
        case .network: viewer == owner || !viewerIsGuest
        case .all: true
        }
    }
}

extension Validator {
    /// A value of a closed set of words, with the accepted words in the message.
    public mutating func choice<T: RawRepresentable & CaseIterable>(_ value: String?, _ field: String, as type: T.Type) -> T?
    where T.RawValue == String {
        guard let value = required(value, field) else { return nil }
        guard let parsed = T(rawValue: value) else {
            fail(field, "must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return parsed
    }
}
