import Foundation

/// A staff member the hub knows: someone who signed in or was entered as a participant or host.
public struct Person: Sendable, Equatable, Codable {
    public var id: UUID
    public var tenantId: UUID
    public var name: String
    public var email: String
    public var role: Role

    public init(id: UUID, tenantId: UUID, name: String, email: String, role: Role) {
        self.id = id
        self.tenantId = tenantId
        self.name = name
        self.email = email
        self.role = role
    }
}

/// What an organiser (or a school's agent) sends to add or change a person.
extension Person {
    /// A mail address as Kijkje stores and compares it: Unicode NFC (a decomposed "é" is the composed one) and
    /// lower case, so that the store's byte-wise comparisons agree with Swift's canonical ones.
    public static func canonicalAddress(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping.lowercased()
    }

    /// Whether `text` has the shape of a mail address (name@domain.tld); delivery is the only real check.
    public static func looksLikeMailAddress(_ text: String) -> Bool {
        // What `[^@\s]+@[^@\s]+\.[^@\s]+` matches whole, checked by hand: a regular expression took a twentieth of the
        // demo's time reading staff lists.
        guard !text.contains(where: \.isWhitespace) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        return parts[1].dropFirst().dropLast().contains(".")
    }
}

public struct PersonDraft: Sendable, Codable {
    public var name: String?
    public var email: String?
    public var role: String?

    public init(name: String?, email: String?, role: String?) {
        self.name = name
        self.email = email
        self.role = role
    }

    /// Checks the draft; the address must be at one of the school's mail domains.
    public func validated(id: UUID, tenant: Tenant) throws(InvalidInput) -> Person {
        var v = Validator()
        let name = v.text(name, "name")
        let email = Person.canonicalAddress(v.text(email, "email", maxLength: 254))
        if self.email != nil {
            if !Person.looksLikeMailAddress(email) {
                v.fail("email", "must be a mail address like name@school.nl")
            } else if !tenant.owns(email: email) {
                v.fail("email", "must be at one of the school's domains (\(tenant.emailDomains.joined(separator: ", ")))")
            }
        }
        let role = v.choice(role, "role", as: Role.self)
        try v.check()
        return Person(id: id, tenantId: tenant.id, name: name, email: email, role: role ?? .other)
    }
}
