import Foundation
import HTTPTypes
import Hub
import HubStore
import Hummingbird
import HummingbirdTesting
import KijkjeDomain
import KijkjeTestSupport
import NIOCore

/// A person in front of the portal, through the hub's real router: keeps cookies, fills forms with the page's
/// CSRF token, and signs in through the mailed link (read from the outbox).
final class PortalBrowser: @unchecked Sendable {
    let hub: HubHarness
    var cookies: [String: String] = [:]
    /// The form token of the last page read (`csrf` hidden field).
    var csrf = ""
    /// Headers sent with every request besides the cookies (a forged Host, say).
    var extraHeaders: HTTPFields = [:]

    struct Page {
        let status: Int
        let html: String
        let headers: HTTPFields
        var location: String? { headers[.location] }
        var setCookies: [String] { headers[values: .setCookie] }
    }

    init(_ hub: HubHarness) { self.hub = hub }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await send(.get, path, body: nil)
    }

    /// Posts a form; the page's CSRF token is added unless `csrf` is given (an empty one sends none).
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], csrf token: String? = nil) async throws -> Page {
        var all = fields
        let csrf = token ?? self.csrf
        if !csrf.isEmpty { all.append(("csrf", csrf)) }
        let body = all.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
        return try await send(.post, path, body: body)
    }

    private func send(_ method: HTTPRequest.Method, _ path: String, body: String?) async throws -> Page {
        var headers = extraHeaders
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let page = try await hub.client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            response in
            Page(status: Int(response.status.code), html: String(buffer: response.body), headers: response.headers)
        }
        for cookie in page.setCookies {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let (name, value) = (String(pair[0]), pair.count > 1 ? String(pair[1]) : "")
            if value.isEmpty || cookie.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        if let token = page.html.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1 { csrf = String(token) }
        return page
    }

    /// Signs in as `email` the way a person does: asks for a link, takes it from the mail, confirms.
    func signIn(_ email: String) async throws {
        try await get("/sign-in")
        let sent = try await post("/sign-in", [("email", email), ("form", cookies["kijkje_form"] ?? "")], csrf: "")
        guard sent.status == 200 else { throw TestSetupError("asking for a link for \(email) answered \(sent.status): \(sent.html)") }
        let link = try await latestLink(to: email)
        try await get(link)
        let token = String(link.split(separator: "/").last!.split(separator: "?")[0])
        let confirmed = try await post(
            "/sign-in/confirm", [("token", token), ("next", "/"), ("form", cookies["kijkje_form"] ?? "")], csrf: "")
        guard confirmed.status == 303, cookies["kijkje_session"] != nil else {
            throw TestSetupError("confirming the link answered \(confirmed.status)")
        }
    }

    /// Asks for a sign-in link for `email` from a fresh sign-in page; the page that answers.
    func signInPage(_ email: String) async throws -> Page {
        try await get("/sign-in")
        return try await post("/sign-in", [("email", email), ("form", cookies["kijkje_form"] ?? "")], csrf: "")
    }

    /// The path of the newest sign-in link mailed to `email`.
    func latestLink(to email: String) async throws -> String {
        let mails = try await hub.store.mailOutbox().filter {
            $0.message.toAddress == Person.canonicalAddress(email) && $0.message.dedupeKey.hasPrefix("sign-in:")
        }
        guard let body = mails.last?.message.body, let match = body.firstMatch(of: /https?:\/\/[^\s]+(\/sign-in\/[^\s]+)/) else {
            throw TestSetupError("no sign-in mail to \(email)")
        }
        return String(match.1)
    }

    private func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
