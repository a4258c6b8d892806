/// The schema, as numbered steps applied in order at start and by `kijkje-hub migrate`.
/// A shipped step is never edited: change the schema with a new step.
///
/// Tenant tables carry `tenant_id` first in their primary and foreign keys so that PostgreSQL can be
/// scaled out with Citus (distributed by `tenant_id`; networks, tenants and editions as reference tables).
public enum Migrations {
    public struct Step: Sendable {
        public let version: Int
        public let name: String
        public let statements: [String]
        /// Statements only PostgreSQL runs (row-level security); SQLite has no such thing.
        public var postgresStatements: [String] = []
        /// Statements only a Citus cluster runs (where the `citus` extension exists), after the others.
        public var citusStatements: [String] = []
    }

    public static let steps: [Step] = [
        catalogue, enrolment, shadowMatching, mailOutbox, sync, portal, retention, rowLevelSecurity, notifications, invitationCounts,
        feedNotify, routing, citus, pullIndex, enrolFunction,
    ]

    /// The newest schema version this build knows.
    public static var latest: Int { steps.last?.version ?? 0 }
}
