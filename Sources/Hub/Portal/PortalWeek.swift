import Foundation
import HubStore
import KijkjeDomain
import Synchronization

/// The week as one staff member sees it: the network's current edition, the sessions their school may see with
/// places left, and their own enrolments. The network's part is shared by every reader (`PortalWeeks`); the
/// reader's own enrolments are read fresh for every page.
struct PortalWeek: Sendable {
    let edition: Edition
    let sessions: [Session]
    let schools: [UUID: Tenant]
    /// Enrolments per session and state.
    let counts: [UUID: [EnrolmentState: Int]]
    let mine: [UUID: Enrolment]
    /// The reader's school (nil: an organiser), whose visible sessions these are.
    var viewer: UUID? = nil
    /// The network's shared part this week was read from, which remembers its rows (nil: rows made each time).
    var shared: PortalWeeks.Shared? = nil

    func placesLeft(_ session: Session) -> Int { session.placesLeft(counts: counts[session.id] ?? [:]) }
}

/// Reads the week for the portal's pages. What every reader of a network shares (the edition, its sessions, the
/// places taken, the schools) is read once and remembered while the store's feed signal stands still: any write
/// in this process, or (PostgreSQL) a change to sessions, enrolments, memberships or credentials in any hub
/// process, ends it, and it lasts a second at most (`FeedCache`).
final class PortalWeeks: Sendable {
    /// The part of the week every reader of a network shares, with its sessions' rows and catalogue cards as the
    /// pages show them (for a reader without an enrolment in them), made once per language.
    final class Shared: Sendable {
        let edition: Edition
        let sessions: [Session]
        let schools: [UUID: Tenant]
        let counts: [UUID: [EnrolmentState: Int]]
        let guests: Set<UUID>
        /// A session in a language.
        struct Shown: Hashable, Sendable {
            var id: UUID
            var language: Language
        }
        private let rows = Memo<Shown, SessionRow>(capacity: 100_000)
        private let cards = Memo<Shown, String>(capacity: 100_000)
        /// The catalogue's filter choices as HTML, by school, language and filter (a bounded number: the filter's
        /// values come from the reader's query).
        private let options = Memo<String, CatalogueOptions>(capacity: 1_000)

        init(edition: Edition, sessions: [Session], schools: [UUID: Tenant], counts: [UUID: [EnrolmentState: Int]], guests: Set<UUID>) {
            self.edition = edition
            self.sessions = sessions
            self.schools = schools
            self.counts = counts
            self.guests = guests
        }

        func row(_ id: UUID, _ language: Language, make: () -> SessionRow) -> SessionRow {
            rows.value(for: Shown(id: id, language: language), make: make)
        }

        func card(_ id: UUID, _ language: Language, make: () -> String) -> String {
            cards.value(for: Shown(id: id, language: language), make: make)
        }

        func options(_ key: String, make: () -> CatalogueOptions) -> CatalogueOptions { options.value(for: key, make: make) }
    }

    let store: any HubStore
    private let shared: FeedCache<UUID, Shared>
    /// The readings under way, by network, with the feed's generation they started at.
    private let loading = Mutex<[UUID: (generation: Int, task: Task<Shared, any Error>)]>([:])
    init(store: any HubStore) {
        self.store = store
        shared = FeedCache(feed: store.feed, capacity: 1_000)
    }

    /// The week as a reader sees it: `tenantId` nil for an organiser (every session).
    func load(networkId: UUID, tenantId: UUID?, personId: UUID?) async throws -> PortalWeek {
        let network = try await self.network(networkId)
        let guest = tenantId.map(network.guests.contains) ?? false
        let visible =
            tenantId.map { viewer in
                network.sessions.filter { $0.visibility.admits(viewer: viewer, owner: $0.tenantId, viewerIsGuest: guest) }
            } ?? network.sessions
        var mine: [UUID: Enrolment] = [:]
        if let tenantId, let personId {
            for enrolment in try await store.enrolments(personTenantId: tenantId, personId: personId, in: networkId)
            where enrolment.state.isActive || mine[enrolment.sessionId] == nil {
                mine[enrolment.sessionId] = enrolment
            }
        }
        return PortalWeek(
            edition: network.edition, sessions: visible, schools: network.schools, counts: network.counts, mine: mine, viewer: tenantId,
            shared: network)
    }

    /// The network's shared week: remembered, or read once for all who ask at the same time (a change makes every
    /// reader of the next moment miss together).
    private func network(_ networkId: UUID) async throws -> Shared {
        if let known = shared.value(for: networkId) { return known }
        let generation = store.feed.generation
        let reading = loading.withLock { under in
            if let current = under[networkId], current.generation == generation { return current.task }
            let task = Task {
                defer { loading.withLock { if $0[networkId]?.generation == generation { $0[networkId] = nil } } }
                return try await read(networkId, since: generation)
            }
            under[networkId] = (generation, task)
            return task
        }
        return try await reading.value
    }

    private func read(_ networkId: UUID, since generation: Int) async throws -> Shared {
        let edition = try await store.currentEdition(in: networkId)
        let guests = try await store.memberships(in: networkId).filter { $0.kind == .guest }.map(\.tenantId)
        let sessions = try await store.sessions(editionId: edition.id, in: networkId)
        let counts = try await store.enrolmentCounts(editionId: edition.id, in: networkId)
        let schools = Dictionary(try await store.tenants(in: networkId).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let network = Shared(
            edition: edition, sessions: sessions.sorted { ($0.startsAt, $0.title) < ($1.startsAt, $1.title) }, schools: schools,
            counts: counts, guests: Set(guests))
        shared.remember(network, for: networkId, readSince: generation)
        return network
    }
}

/// Dates and times as the portal writes them, in the network's time zone.
enum PortalFormat {
    static func day(_ date: Date, _ language: Language) -> String {
        date.formatted(
            Date.FormatStyle(timeZone: Calendar.networkCalendar.timeZone).weekday(.wide).day().month(.wide)
                .locale(language.locale))
    }

    static func day(_ day: Day, _ language: Language) -> String {
        self.day(Calendar.networkCalendar.date(day, hour: 12), language)
    }

    static func time(_ start: Date, _ end: Date) -> String { "\(clock(start))–\(clock(end))" }

    static func clock(_ date: Date) -> String { Calendar.networkCalendar.clock(date) }

    static func moment(_ date: Date, _ language: Language) -> String { "\(day(date, language)) \(clock(date))" }
}
