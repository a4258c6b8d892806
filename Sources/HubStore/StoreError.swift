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
    /// The database could not be reached.
    case unavailable(String)
    /// The database answered, but refused the statement for a reason the hub does not know as a business rule
    /// (SQLSTATE and message): a fault of the hub, logged and answered 500.
    case refused(sqlState: String, message: String)
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

extension StoreError {
    /// A draft names an edition that is not one of the network's.
    public static let unknownEdition = StoreError.invalidReference(field: "edition_id", message: "no edition with this id in this network")

    /// What a person reads of a refusal, the same through every door: a problem's detail on the API and the
    /// portal, and a recorded sync result's detail.
    public var detail: String {
        switch self {
        case .notFound(let what): "no \(what) with this id here"
        case .duplicate(let message): Self.duplicateDetail(message)
        case .conflict(let why): why
        case .invalidReference(let field, let message): "\(field): \(message)"
        case .corrupt(let why): "the store holds data this hub cannot read (\(why))"
        case .contention, .unavailable: "the store did not answer; try again shortly"
        case .refused(let sqlState, _): "the store refused the request (SQLSTATE \(sqlState)); the error was logged"
        }
    }

    /// Names the rule a duplicate broke, from the constraint message of either database.
    static func duplicateDetail(_ message: String) -> String {
        let rules: [(String, String)] = [
            ("brin", "a school with this BRIN code exists already"),
            ("domain", "one of these mail domains belongs to another school already"),
            ("email", "a person with this address exists at the school already"),
            ("year", "this network has an edition for this year already"),
        ]
        return rules.first { message.contains($0.0) }?.1 ?? "an object with these values exists already"
    }
}
