/// What a store operation can refuse, in terms the hub turns into problem details.
public enum StoreError: Error, Sendable, Equatable {
    /// No such object in the caller's scope (another network's objects are "not found" too).
    case notFound(String)
    /// A unique rule would be broken: the same BRIN, mail domain, address, year.
    case duplicate(String)
    /// The change conflicts with other data (still referenced, wrong state).
    case conflict(String)
    /// A field refers to something outside the caller's scope.
    case invalidReference(field: String, message: String)
    /// The database holds something this version cannot read.
    case corrupt(String)
    /// Transactions collided (deadlock, serialisation); the driver retries these.
    case contention(String)
    /// The database could not be reached or failed.
    case unavailable(String)
}

/// Why an invitation code does not admit an agent.
public enum InvitationRefusal: Error, Sendable, Equatable {
    case unknown
    case used
    case expired
}

/// Why a sync request cannot be served as asked; the hub answers each with its documented problem.
public enum SyncRefusal: Error, Sendable, Equatable {
    /// The cursor is older than the retained tombstones, from another epoch, or ahead of the scope: refetch the scope.
    case resyncRequired(scope: String, reason: String)
    /// A mutation id skips ahead: the hub expects `expected` next.
    case mutationGap(expected: Int, got: Int)
    /// A mutation id already applied arrived with a different change.
    case replayMismatch(id: Int)
}
