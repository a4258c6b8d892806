import Foundation
import KijkjeDomain

extension Network {
    init(row: SQLRow) throws {
        self.init(id: try row.uuid("id"), name: try row.string("name"), createdAt: try row.date("created_at"))
    }
}

extension Tenant {
    init(row: SQLRow) throws {
        self.init(id: try row.uuid("id"), name: try row.string("name"), brin: try row.string("brin"),
                  town: try row.string("town"), latitude: try row.double("latitude"),
                  longitude: try row.double("longitude"), emailDomains: try row.json("email_domains"),
                  headCounts: try row.json("head_counts"))
    }
}

extension Membership {
    init(row: SQLRow) throws {
        self.init(networkId: try row.uuid("network_id"), tenantId: try row.uuid("tenant_id"),
                  kind: try row.choice("kind"), joinedAt: try row.date("joined_at"))
    }
}

extension Edition {
    init(row: SQLRow) throws {
        self.init(id: try row.uuid("id"), networkId: try row.uuid("network_id"), year: try row.int("year"),
                  days: try row.json("days"), registrationOpensAt: try row.date("registration_opens_at"),
                  registrationClosesAt: try row.date("registration_closes_at"),
                  allocationMode: try row.choice("allocation_mode"), claimWindowHours: try row.int("claim_window_hours"),
                  matchingDeadline: try row.date("matching_deadline"))
    }
}

extension Session {
    init(row: SQLRow) throws {
        self.init(id: try row.uuid("id"), editionId: try row.uuid("edition_id"), tenantId: try row.uuid("tenant_id"),
                  kind: try row.choice("kind"), title: try row.string("title"),
                  description: try row.string("description"), presenter: try row.string("presenter"),
                  location: try row.string("location"), startsAt: try row.date("starts_at"),
                  endsAt: try row.date("ends_at"), capacity: try row.int("capacity"),
                  visibility: try row.choice("visibility"), topics: try row.json("topics"))
    }
}

extension ShadowOffer {
    init(row: SQLRow) throws {
        self.init(id: try row.uuid("id"), editionId: try row.uuid("edition_id"), tenantId: try row.uuid("tenant_id"),
                  hostPersonId: try row.uuid("host_person_id"), role: try row.choice("role"),
                  subjects: try row.json("subjects"), schoolType: try row.choice("school_type"),
                  days: try row.json("days"), capacity: try row.int("capacity"), visibility: try row.choice("visibility"))
    }
}

extension Person {
    init(row: SQLRow) throws {
        self.init(id: try row.uuid("id"), tenantId: try row.uuid("tenant_id"), name: try row.string("name"),
                  email: try row.string("email"), role: try row.choice("role"))
    }
}

extension Credential {
    init(row: SQLRow) throws {
        self.init(id: try row.uuid("id"), kind: try row.choice("kind"), networkId: try row.optionalUUID("network_id"),
                  tenantId: try row.optionalUUID("tenant_id"), label: try row.string("label"),
                  createdAt: try row.date("created_at"), lastUsedAt: try row.optionalDate("last_used_at"),
                  revokedAt: try row.optionalDate("revoked_at"))
    }
}

extension Invitation {
    init(row: SQLRow) throws {
        self.init(id: try row.uuid("id"), networkId: try row.uuid("network_id"), tenantId: try row.uuid("tenant_id"),
                  createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at"),
                  usedAt: try row.optionalDate("used_at"))
    }
}
