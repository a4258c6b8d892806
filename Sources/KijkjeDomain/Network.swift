import Foundation

/// A school board (or other group of schools) that runs a career week together.
public struct Network: Sendable, Equatable, Codable {
    public var id: UUID
    public var name: String
    public var createdAt: Date

    public init(id: UUID, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}

/// What an operator sends to create a network.
public struct NetworkDraft: Sendable, Codable {
    public var name: String?

    public init(name: String?) { self.name = name }

    public func validated(id: UUID, now: Date) throws(InvalidInput) -> Network {
        var v = Validator()
        let name = v.text(name, "name")
        try v.check()
        return Network(id: id, name: name, createdAt: now)
    }
}
