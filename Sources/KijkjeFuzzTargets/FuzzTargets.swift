import Agent
import Foundation
import Hub
import KijkjeDomain
import KijkjeSync

/// What the hub and the agent read from outside, each as a function of arbitrary bytes: libFuzzer drives them
/// (`kijkje-fuzz` built with `--sanitize=fuzzer`), and a test replays every saved input without a sanitizer. A target
/// may refuse its input; it must never crash, hang or read out of bounds.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A sync pull request's body, as the hub decodes it (and maps a decoding error to a problem).
    case pull
    /// A sync push request's body, with its mutations' drafts checked.
    case push
    /// A school's HR export, as the agent's staff import reads it.
    case staffCSV = "staff-csv"
    /// A portal form body (`application/x-www-form-urlencoded`).
    case form
    /// A problem-details body, as the agent reads the hub's refusals.
    case problem
    /// A mail address, as sign-in, the organiser API and the staff import take it.
    case address

    public func run(_ data: Data) {
        switch self {
        case .pull: decode(PullRequest.self, data)
        case .push:
            guard let push = decode(PushRequest.self, data) else { return }
            for mutation in push.mutations { check(mutation.change) }
        case .staffCSV:
            if let imported = try? StaffImport(text: String(decoding: data, as: UTF8.self)) { _ = imported.headCounts }
        case .form:
            let fields = PortalForm.parse(String(decoding: data, as: UTF8.self))
            _ = fields.values.reduce(0) { $0 + $1.count }
        case .problem: decode(ProblemDetails.self, data)
        case .address:
            let text = String(decoding: data, as: UTF8.self)
            let canonical = Person.canonicalAddress(text)
            if Person.looksLikeMailAddress(canonical) { _ = canonical.split(separator: "@").last }
        }
    }

    @discardableResult
    private func decode<T: Decodable>(_ type: T.Type, _ data: Data) -> T? {
        do {
            return try JSONDecoder.hub.decode(T.self, from: data)
        } catch {
            _ = problemDetails(for: error)
            return nil
        }
    }

    /// A mutation's draft through the domain's checks, as the hub applies them.
    private func check(_ change: Mutation.Change) {
        let edition = Edition(
            id: UUID(), networkId: UUID(), year: 2026, days: [Day("2026-11-17")!], registrationOpensAt: .distantPast,
            registrationClosesAt: .distantFuture, allocationMode: .fcfs, claimWindowHours: 24, matchingDeadline: .distantFuture)
        switch change {
        case .putSession(let id, _, let draft): _ = try? draft.validated(id: id, edition: edition)
        case .putShadowOffer(let id, _, _, let draft): _ = try? draft.validated(id: id, edition: edition)
        case .enrol(let member, _): _ = Person.looksLikeMailAddress(Person.canonicalAddress(member.email))
        case .headCounts(let counts), .invitations(let counts):
            var v = Validator()
            _ = v.headCounts(counts, "counts")
        case .withdrawSession, .withdrawShadowOffer: break
        }
    }
}
