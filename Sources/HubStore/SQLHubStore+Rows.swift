import Foundation
import KijkjeDomain

extension Network {
    init(row: SQLRow) throws {
        self.init(id: try row.uuid("id"), name: try row.string("name"), createdAt: try row.date("created_at"))
    }
}

extension Tenant {
    init(row: SQLRow) throws {
        self.init(
            id: try row.uuid("id"), name: try row.string("name"), brin: try row.string("brin"),
            town: try row.string("town"), latitude: try row.double("latitude"),
            longitude: try row.double("longitude"), emailDomains: try row.json("email_domains"),
            headCounts: try row.json("head_counts"))
    }
}

extension Membership {
    init(row: SQLRow) throws {
        self.init(
            networkId: try row.uuid("network_id"), tenantId: try row.uuid("tenant_id"),
            kind: try row.choice("kind"), joinedAt: try row.date("joined_at"))
    }
}

extension Edition {
    init(row: SQLRow) throws {
        self.init(
            id: try row.uuid("id"), networkId: try row.uuid("network_id"), year: try row.int("year"),
            days: try row.json("days"), registrationOpensAt: try row.date("registration_opens_at"),
            registrationClosesAt: try row.date("registration_closes_at"),
            allocationMode: try row.choice("allocation_mode"), claimWindowHours: try row.int("claim_window_hours"),
            matchingDeadline: try row.date("matching_deadline"),
            limits: EnrolmentLimits(
                maxPerDay: try row.int("max_per_day"), maxPerEdition: try row.int("max_per_edition"),
                travelSpeedKmh: try row.int("travel_speed_kmh"),
                minimumGapMinutes: try row.int("minimum_gap_minutes")),
            allocatedAt: try row.optionalDate("allocated_at"), proposalReminderDays: try row.int("proposal_reminder_days"))
    }
}

extension Session {
    init(row: SQLRow) throws {
        self.init(
            id: try row.uuid("id"), editionId: try row.uuid("edition_id"), tenantId: try row.uuid("tenant_id"),
            kind: try row.choice("kind"), title: try row.string("title"),
            description: try row.string("description"), presenter: try row.string("presenter"),
            location: try row.string("location"), startsAt: try row.date("starts_at"),
            endsAt: try row.date("ends_at"), capacity: try row.int("capacity"),
            visibility: try row.choice("visibility"), topics: try row.json("topics"))
    }
}

extension ShadowOffer {
    init(row: SQLRow) throws {
        self.init(
            id: try row.uuid("id"), editionId: try row.uuid("edition_id"), tenantId: try row.uuid("tenant_id"),
            hostPersonId: try row.uuid("host_person_id"), role: try row.choice("role"),
            subjects: try row.json("subjects"), schoolType: try row.choice("school_type"),
            days: try row.json("days"), capacity: try row.int("capacity"), visibility: try row.choice("visibility"))
    }
}

extension Person {
    init(row: SQLRow) throws {
        self.init(
            id: try row.uuid("id"), tenantId: try row.uuid("tenant_id"), name: try row.string("name"),
            email: try row.string("email"), role: try row.choice("role"))
    }
}

extension Credential {
    init(row: SQLRow) throws {
        self.init(
            id: try row.uuid("id"), kind: try row.choice("kind"), networkId: try row.optionalUUID("network_id"),
            tenantId: try row.optionalUUID("tenant_id"), label: try row.string("label"),
            createdAt: try row.date("created_at"), lastUsedAt: try row.optionalDate("last_used_at"),
            revokedAt: try row.optionalDate("revoked_at"))
    }
}

extension Invitation {
    init(row: SQLRow) throws {
        self.init(
            id: try row.uuid("id"), networkId: try row.uuid("network_id"), tenantId: try row.uuid("tenant_id"),
            createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at"),
            usedAt: try row.optionalDate("used_at"))
    }
}

extension Enrolment {
    init(row: SQLRow) throws {
        self.init(
            id: try row.uuid("id"), tenantId: try row.uuid("tenant_id"), sessionId: try row.uuid("session_id"),
            editionId: try row.uuid("edition_id"), personTenantId: try row.uuid("person_tenant_id"),
            personId: try row.uuid("person_id"), state: try row.choice("state"), queueNumber: try row.int("queue_number"),
            offeredUntil: try row.optionalDate("offered_until"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }
}

extension EnrolmentEvent {
    init(row: SQLRow) throws {
        let from = try row.value("from_state") == .null ? nil : try row.choice("from_state", as: EnrolmentState.self)
        self.init(
            enrolmentId: try row.uuid("enrolment_id"), from: from, to: try row.choice("to_state"), at: try row.date("at"),
            reason: try row.string("reason"))
    }
}
