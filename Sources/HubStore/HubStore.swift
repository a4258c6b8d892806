import Foundation
import KijkjeDomain
import KijkjeMatching
import KijkjeSync

/// The hub's storage, as domain operations (not generic CRUD). Every operation on a network's data takes the
/// network the caller may act in, and treats objects outside it as not found.
public protocol HubStore: Sendable {
    /// Fired when the sync feed may have moved on, in this process or (PostgreSQL) in any hub process.
    var feed: FeedSignal { get }

    // MARK: Schema
    /// Applies the migration steps not yet applied; safe to call from several hub processes at once.
    func migrate() async throws
    /// The applied and the expected schema version.
    func schemaVersion() async throws -> (applied: Int, expected: Int)
    /// What the store runs on, in words: "SQLite 3.40.1", "PostgreSQL 15.18", "Citus 13.2.2 on PostgreSQL 15.18, 2 workers".
    func describe() async throws -> String

    // MARK: Credentials
    func addCredential(_ credential: Credential, tokenHash: String) async throws
    /// The credential stored under a token's hash, recording its use; nil for unknown or revoked tokens.
    func useCredential(tokenHash: String, at time: Date) async throws -> Credential?
    /// All credentials, or those of one network.
    func credentials(networkId: UUID?) async throws -> [Credential]
    func revokeCredential(id: UUID, at time: Date) async throws -> Credential

    // MARK: Networks
    func addNetwork(_ network: Network) async throws
    func networks() async throws -> [Network]
    func network(id: UUID) async throws -> Network

    // MARK: Tenants and memberships
    func addTenant(_ tenant: Tenant, to networkId: UUID, as kind: MembershipKind, at time: Date) async throws
    func tenants(in networkId: UUID) async throws -> [Tenant]
    func tenant(id: UUID, in networkId: UUID) async throws -> Tenant
    func updateTenant(_ tenant: Tenant, in networkId: UUID) async throws
    func memberships(in networkId: UUID) async throws -> [Membership]
    func setMembership(tenantId: UUID, in networkId: UUID, kind: MembershipKind) async throws -> Membership

    // MARK: Editions
    func addEdition(_ edition: Edition, at time: Date) async throws
    func editions(in networkId: UUID) async throws -> [Edition]
    func edition(id: UUID, in networkId: UUID) async throws -> Edition
    func updateEdition(_ edition: Edition, at time: Date) async throws
    /// Removes an edition that holds no sessions or offers yet.
    func removeEdition(id: UUID, in networkId: UUID, at time: Date) async throws

    // MARK: Sessions
    func addSession(_ session: Session, in networkId: UUID, at time: Date) async throws
    /// Adds many sessions in one transaction (a catalogue import): all or none.
    func addSessions(_ sessions: [Session], in networkId: UUID, at time: Date) async throws
    func sessions(editionId: UUID, in networkId: UUID) async throws -> [Session]
    func session(id: UUID, in networkId: UUID) async throws -> Session
    /// Changes a session; capacity cannot go below the places taken, and places it adds go to the waiting list.
    func updateSession(_ session: Session, in networkId: UUID, at time: Date) async throws
    func removeSession(id: UUID, in networkId: UUID, at time: Date) async throws

    // MARK: Shadow offers
    func addShadowOffer(_ offer: ShadowOffer, in networkId: UUID, at time: Date) async throws
    func shadowOffers(editionId: UUID, in networkId: UUID) async throws -> [ShadowOffer]
    func shadowOffer(id: UUID, in networkId: UUID) async throws -> ShadowOffer
    func updateShadowOffer(_ offer: ShadowOffer, in networkId: UUID, at time: Date) async throws
    func removeShadowOffer(id: UUID, in networkId: UUID, at time: Date) async throws

    // MARK: People
    func addPerson(_ person: Person, in networkId: UUID, at time: Date) async throws
    func people(tenantId: UUID, in networkId: UUID) async throws -> [Person]
    func person(id: UUID, tenantId: UUID, in networkId: UUID) async throws -> Person
    func updatePerson(_ person: Person, in networkId: UUID, at time: Date) async throws
    /// Removes a person who hosts no shadow offer.
    func removePerson(id: UUID, tenantId: UUID, in networkId: UUID, at time: Date) async throws

    // MARK: Enrolment
    func enrol(_ request: EnrolmentRequest, in networkId: UUID, at time: Date) async throws -> Enrolment
    func cancelEnrolment(id: UUID, in networkId: UUID, at time: Date) async throws -> Enrolment
    func claimOffer(id: UUID, in networkId: UUID, at time: Date) async throws -> Enrolment
    func declineOffer(id: UUID, in networkId: UUID, at time: Date) async throws -> Enrolment
    /// Lets overdue offers lapse and passes their places on; returns how many lapsed.
    func expireOffers(at time: Date) async throws -> Int
    func enrolment(id: UUID, in networkId: UUID) async throws -> Enrolment
    func enrolments(sessionId: UUID, in networkId: UUID) async throws -> [Enrolment]
    /// How many enrolments each session of the edition has in each state.
    func enrolmentCounts(editionId: UUID, in networkId: UUID) async throws -> [UUID: [EnrolmentState: Int]]
    func enrolments(personTenantId: UUID, personId: UUID, in networkId: UUID) async throws -> [Enrolment]
    func enrolmentHistory(id: UUID, in networkId: UUID) async throws -> [EnrolmentEvent]

    // MARK: Ranked allocation
    func submitChoices(_ choices: RankedChoices, in networkId: UUID) async throws
    func rankedChoices(editionId: UUID, in networkId: UUID) async throws -> [RankedChoices]
    func allocationInput(editionId: UUID, in networkId: UUID) async throws -> AllocationInput
    func applyAllocation(_ run: AllocationRun, placements: [Placement], in networkId: UUID) async throws
    func allocationRun(editionId: UUID, in networkId: UUID) async throws -> AllocationRun?
    func allocationExplanation(
        editionId: UUID, personTenantId: UUID, personId: UUID, in networkId: UUID
    ) async throws -> Allocation.Explanation
    func editionsAwaitingAllocation(at time: Date) async throws -> [Edition]

    // MARK: Shadow requests and matching
    func addShadowRequest(_ request: ShadowRequest, in networkId: UUID) async throws
    func shadowRequests(editionId: UUID, in networkId: UUID) async throws -> [ShadowRequest]
    func shadowRequest(id: UUID, in networkId: UUID) async throws -> ShadowRequest
    func removeShadowRequest(id: UUID, in networkId: UUID) async throws
    func setShadowRule(_ rule: ShadowRule, in networkId: UUID) async throws
    func shadowRules(editionId: UUID, in networkId: UUID) async throws -> [ShadowRule]
    func removeShadowRule(editionId: UUID, requestId: UUID, offerId: UUID, in networkId: UUID) async throws
    func shadowMatchingInput(editionId: UUID, in networkId: UUID) async throws -> ShadowMatchingInput
    /// Stores a run's proposals and their mails (the open proposals of earlier runs are withdrawn).
    func applyShadowMatching(_ run: ShadowMatchingRun, proposals: [ShadowMatch], mail: [MailMessage], in networkId: UUID) async throws
    func shadowMatches(editionId: UUID, in networkId: UUID) async throws -> [ShadowMatch]
    func shadowMatch(id: UUID, in networkId: UUID) async throws -> ShadowMatch
    /// Records one side's answer; when it confirms the pair, the mails `onConfirm` writes join the outbox in the same transaction.
    func answerShadowMatch(
        id: UUID, side: ShadowSide, accept: Bool, at time: Date, in networkId: UUID,
        onConfirm: @Sendable (ShadowMatch) -> [MailMessage]
    ) async throws -> ShadowMatch
    func latestShadowMatchingRun(editionId: UUID, in networkId: UUID) async throws -> ShadowMatchingRun?
    func editionsDueForShadowMatching(at time: Date) async throws -> [Edition]

    // MARK: Mail outbox
    func enqueueMail(_ messages: [MailMessage], at time: Date) async throws
    func claimMail(limit: Int, at time: Date, lease: TimeInterval) async throws -> [MailMessage]
    func markMailSent(id: UUID, at time: Date) async throws
    func markMailFailed(id: UUID, error: String, at time: Date) async throws
    func mailOutbox() async throws -> [QueuedMail]

    // MARK: Notifications
    /// Writes out up to `limit` open notices: `render` turns each into mails and links, which join the outbox in the
    /// transaction that marks the notice done (several hubs never write one out twice). Returns how many were done.
    func processNotices(
        limit: Int, at time: Date, render: @Sendable (Notice) -> (mails: [MailMessage], links: [MailLink])
    ) async throws -> Int
    /// Records the notices the clock makes due (offer reminders, the afternoon before each day, proposal reminders).
    func addDueNotices(at time: Date) async throws
    func noticeCount(open: Bool) async throws -> Int
    func mailPreferences(tenantId: UUID, personId: UUID, in networkId: UUID) async throws -> MailPreferences
    func setMailPreferences(_ preferences: MailPreferences, tenantId: UUID, personId: UUID, in networkId: UUID) async throws
    /// A link from a mail, unless unknown or expired (a used one is returned with its `usedAt`).
    func mailLink(tokenHash: String, at time: Date) async throws -> MailLink?
    /// Marks a single-use link used; false when it was used already.
    func useMailLink(tokenHash: String, at time: Date) async throws -> Bool
    func outboxSummary(networkId: UUID, at time: Date) async throws -> [OutboxKindSummary]
    /// The whole outbox (every network's mail, and sign-in mail, which has none) counted by kind.
    func outboxSummary() async throws -> [OutboxKindSummary]
    /// The network's mails, failing ones first, then the newest.
    func outboxMails(networkId: UUID, limit: Int) async throws -> [QueuedMail]
    func resendMail(id: UUID, networkId: UUID, at time: Date) async throws

    /// How many colleagues each school of the network has invited, per role, as their agents reported.
    func invitationCounts(in networkId: UUID) async throws -> [UUID: [String: Int]]

    // MARK: Sync (agents)
    /// The scopes a school's agent may read: its own, and the network's shares open to it.
    func syncScopes(tenantId: UUID, networkId: UUID) async throws -> [SyncScope]
    /// The scope's rows changed after the cursor, at most `limit` unless one version holds more; `SyncRefusal.resyncRequired`
    /// when the cursor cannot be continued.
    func syncPage(scope: SyncScope, after cursor: ScopeCursor?, limit: Int) async throws -> ScopePage
    /// The current version of each of these scopes (nil: of every scope) that has one.
    func syncVersions(_ scopes: [SyncScope]?) async throws -> [SyncScope: Int]
    /// Applies the agent's next mutation (or answers a replay with its recorded result); business refusals are results.
    func applyMutation(_ mutation: Mutation, digest: String, from agent: AgentIdentity, at now: Date) async throws -> MutationResult
    /// The agent's last applied mutation id, and the recorded results after `after` (at most 1,000).
    func mutationResults(credentialId: UUID, after: Int) async throws -> (last: Int, results: [MutationResult])
    /// Purges tombstones older than `time`; cursors from before them must resync. Returns how many were purged.
    func pruneTombstones(before time: Date) async throws -> Int

    // MARK: Portal: organisers, sign-in, sessions
    func addOrganiser(email: String, name: String, networkId: UUID) async throws
    func organisers(networkId: UUID) async throws -> [(email: String, name: String)]
    /// The school an address's domain names (and its network) and the networks the address organises.
    func signInIdentity(email: String) async throws -> SignInIdentity
    /// Records a request for a sign-in link when every key is under its limit within the window; false when not.
    func allowSignInAttempt(_ limits: [(key: String, limit: Int)], window: TimeInterval, at time: Date) async throws -> Bool
    /// Stores a sign-in link's hash and puts its mail in the outbox, both or neither.
    func addSignInLink(tokenHash: String, email: String, at time: Date, validFor: TimeInterval, mail: MailMessage) async throws
    /// Uses a link once: the address it was sent to, or nil when it is unknown, used or expired.
    func useSignInLink(tokenHash: String, at time: Date) async throws -> String?
    func addWebSession(_ session: WebSession, tokenHash: String, at time: Date) async throws
    func webSession(tokenHash: String, at time: Date) async throws -> WebSession?
    func removeWebSession(tokenHash: String) async throws

    // MARK: Portal: calendar feeds, survey, evaluation
    func setCalendarFeed(tenantId: UUID, personId: UUID, tokenHash: String?, at time: Date) async throws
    func hasCalendarFeed(tenantId: UUID, personId: UUID) async throws -> Bool
    func calendarFeedOwner(tokenHash: String) async throws -> (tenantId: UUID, personId: UUID, networkId: UUID)?
    func saveSurveyAnswer(_ answer: SurveyAnswer) async throws
    func surveyAnswers(editionId: UUID, in networkId: UUID) async throws -> [SurveyAnswer]
    func saveEvaluation(_ evaluation: Evaluation) async throws
    func evaluations(editionId: UUID, in networkId: UUID) async throws -> [Evaluation]
    func removePortalData(tenantId: UUID, personId: UUID) async throws

    // MARK: Retention
    /// Editions not purged yet whose last day is before `day`.
    func editionsDueForPurge(lastDayBefore day: Day) async throws -> [Edition]
    /// Removes an edition's personal data and keeps `figures` (the dashboard's tables), all or nothing.
    func purgeEdition(id: UUID, in networkId: UUID, figures: [String: String], at time: Date) async throws -> PurgeReport
    /// The figures kept of a purged edition, by table name.
    func editionFigures(editionId: UUID, in networkId: UUID) async throws -> [String: String]

    // MARK: Invitations
    func addInvitation(_ invitation: Invitation, codeHash: String) async throws
    func invitations(in networkId: UUID) async throws -> [Invitation]
    /// Withdraws an invitation that was not used yet.
    func removeInvitation(id: UUID, in networkId: UUID) async throws
    /// Marks the invitation used and stores the agent's credential, both or neither.
    func redeemInvitation(codeHash: String, at time: Date, credential: Credential, tokenHash: String) async throws -> Invitation
}
