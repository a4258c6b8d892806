import Foundation
import HubStore
import KijkjeDomain
import Logging
import Mailing
import ServiceLifecycle

/// Writes out the notices (what happened, recorded with it) as mail, then delivers the outbox: due mails are leased
/// (so hub processes never send the same one together), sent, and marked sent; a failure is retried later with a
/// growing backoff. A graceful stop finishes the mail in hand.
struct MailCourier: Service, CustomStringConvertible {
    let store: any HubStore
    let transport: any MailTransport
    /// How notices become mail; nil leaves them for another hub process.
    var notices: NoticeMail?
    let interval: Duration
    let logger: Logger

    /// The service group logs its services by this (the transport's own description keeps secrets out).
    var description: String { "MailCourier(\(transport))" }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                await deliverDue(at: Date().roundedToMillis)
            }
        }
    }

    /// Sends every due mail once, in leased batches until none is left (or a delivery fails, or the hub stops);
    /// returns how many went out.
    @discardableResult
    func deliverDue(at now: Date) async -> Int {
        let batch = 50
        var sent = 0
        do {
            if let notices {
                while try await store.processNotices(limit: 100, at: now, render: { notices.render($0, at: now) }) > 0,
                    !Task.isCancelled
                {}
            }
            while true {
                let claimed = try await store.claimMail(limit: batch, at: now, lease: 120)
                // The mail in hand is delivered and marked even when the hub is stopping meanwhile (a task of its own
                // is not cancelled with the courier): cancelled halfway, it would stay leased for two minutes.
                let (delivered, failed) = try await Task { try await deliver(claimed) }.value
                sent += delivered
                if claimed.count < batch || failed || Task.isCancelled { break }
            }
        } catch is CancellationError {
            // The hub is stopping; what was not sent stays in the outbox for the next start.
        } catch {
            logger.error("mail courier failed", metadata: ["error": "\(error)"])
        }
        return sent
    }

    /// Sends each mail and marks it sent, or failed (to be retried later); how many went, and whether one failed.
    private func deliver(_ claimed: [MailMessage]) async throws -> (sent: Int, failed: Bool) {
        var sent = 0, failed = false
        for message in claimed {
            do {
                try await transport.deliver(message)
                try await store.markMailSent(id: message.id, at: Date().roundedToMillis)
                sent += 1
            } catch {
                failed = true
                logger.warning("mail not delivered; will retry", metadata: ["mail": "\(message.id)", "error": "\(error)"])
                try await store.markMailFailed(id: message.id, error: "\(error)", at: Date().roundedToMillis)
            }
        }
        return (sent, failed)
    }
}
