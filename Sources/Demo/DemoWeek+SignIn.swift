import AsyncHTTPClient
import Foundation
import HubStore
import KijkjeDomain
import NIOCore
import NIOHTTP1

extension DemoWeek {
    static let organiserEmail = "loopbaancentrum@gelderse-scholen.nl"

    struct OrganiserAddress: Encodable { var email: String; var name: String }
    struct Added: Decodable { var email: String }

    /// The organisers' office gets an address to sign in to the organiser pages with.
    func addOrganiserAddress() async throws {
        _ = try await organiser.call(
            .POST, "api/v1/organisers", OrganiserAddress(email: Self.organiserEmail, name: "Loopbaancentrum"),
            as: Added.self)
    }

    /// Asks the portal for a sign-in link as a person does (the form, then the mail) and reads it from the outbox.
    func signInLink(_ email: String, store: any HubStore) async throws -> String {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let form = try await http.execute(
                HTTPClientRequest(url: hub.appendingPathComponent("sign-in").absoluteString), timeout: .seconds(30))
            _ = try await form.body.collect(upTo: 1 << 20)
            guard let cookie = form.headers["Set-Cookie"].first(where: { $0.hasPrefix("kijkje_form=") })?.split(separator: ";").first,
                let token = cookie.split(separator: "=", maxSplits: 1).last
            else { throw DemoError("the sign-in page set no form cookie") }
            var request = HTTPClientRequest(url: hub.appendingPathComponent("sign-in").absoluteString)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.headers.add(name: "Cookie", value: String(cookie))
            let address = email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? email
            request.body = .bytes(ByteBuffer(string: "email=\(address)&form=\(token)"))
            let sent = try await http.execute(request, timeout: .seconds(30))
            _ = try await sent.body.collect(upTo: 1 << 20)
            guard sent.status == .ok else { throw DemoError("asking for a sign-in link for \(email) answered \(sent.status.code)") }
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw error
        }
        let mail = try await store.mailOutbox().last { $0.message.toAddress == email && $0.message.dedupeKey.hasPrefix("sign-in:") }
        guard let link = mail?.message.body.firstMatch(of: /https?:\/\/\S+\/sign-in\/\S+/) else {
            throw DemoError("no sign-in mail to \(email)")
        }
        return String(link.0)
    }

    /// A teacher of the network who has a confirmed shadow day, or else any participant with a place.
    var sampleTeacher: String {
        plan.participants.first { $0.member.role == Role.teacher.rawValue && $0.shadow != nil && plan.schools[$0.school].kind == .member }?
            .member.email ?? plan.participants[0].member.email
    }
}
