import Foundation
import Hummingbird
import HubStore
import KijkjeDomain

/// Sign in by mail link: an address names its school by its domain (or is an organiser's); a single-use link,
/// valid 15 minutes, is mailed through the outbox; opening it and confirming starts a session (an HttpOnly,
/// SameSite=Lax cookie, Secure under TLS). Requests for links are limited per address and per client.
struct PortalSignIn {
    let store: any HubStore
    let pages: PortalPages
    let settings: PortalSettings

    static let linkLifetime: TimeInterval = 15 * 60
    static let sessionLifetime: TimeInterval = 12 * 3600

    func add(to portal: RouterGroup<HubContext>) {
        portal.get("sign-in") { request, context in
            formPage("sign-in", [:], request, context)
        }
        portal.post("sign-in") { request, context in
            let form = try await PortalForm.read(request, context: context)
            try form.requireFormCookie(of: request)
            let email = (form["email"] ?? "").lowercased()
            guard Person.looksLikeMailAddress(email) else {
                throw InvalidInput(field: "email", message: "is not a mail address; use your school address, like name@school.nl")
            }
            let identity = try await store.signInIdentity(email: email)
            guard identity.school != nil || !identity.organiserOf.isEmpty else { throw PortalRefusal.unknownAddress }
            let now = Date().roundedToMillis
            guard try await store.allowSignInAttempt([("address:\(email)", 5), ("client:\(context.clientAddress)", 30)],
                                                     window: 15 * 60, at: now)
            else { throw PortalRefusal.tooManyLinks }
            let (token, hash) = Secret.make(.signInLink)
            let link = settings.baseURL(request) + "/sign-in/\(token)?next=" + safePath(form["next"])
            let words = context.visitor.words
            let mail = MailMessage(id: UUIDv7.make(at: now), dedupeKey: "sign-in:\(hash)", toAddress: email, toName: email,
                                   subject: words["mail_subject"] ?? "Kijkje", body: String(format: words["mail_body"] ?? "%@", link))
            try await store.addSignInLink(tokenHash: hash, email: email, at: now, validFor: Self.linkLifetime, mail: mail)
            return pages.page("link-sent", title: "sign_in", ["email": email], visitor: context.visitor)
        }
        // Opening the link only shows a button: mail scanners that fetch links must not use it up.
        portal.get("sign-in/:token") { request, context in
            formPage("sign-in-confirm", ["token": context.parameters.get("token") ?? ""], request, context)
        }
        portal.post("sign-in/confirm") { request, context in
            let form = try await PortalForm.read(request, context: context)
            // The confirming browser must be the one that opened the link (no signing someone in from another site).
            try form.requireFormCookie(of: request)
            let now = Date().roundedToMillis
            guard let email = try await store.useSignInLink(tokenHash: Secret.hash(form["token"] ?? ""), at: now) else {
                throw PortalRefusal.linkInvalid
            }
            let session = try await startSession(email: email, at: now)
            let (token, hash) = Secret.make(.webSession)
            try await store.addWebSession(session, tokenHash: hash, at: now)
            let next = safePath(form["next"])
            var response = PortalPages.redirect(next != "/" ? next : session.personId == nil ? "/organiser" : "/catalogue")
            response.setCookie(settings.cookie("kijkje_session", token, maxAge: Int(Self.sessionLifetime)))
            return response
        }
        portal.post("sign-out") { request, context in
            _ = try await PortalForm.checked(request, context: context)
            if let hash = context.visitor.sessionHash { try await store.removeWebSession(tokenHash: hash) }
            var response = PortalPages.redirect("/sign-in")
            response.setCookie(settings.cookie("kijkje_session", "", maxAge: 0))
            return response
        }
        portal.get("language/:language") { request, context in
            let language = PortalLanguage(rawValue: context.parameters.get("language") ?? "") ?? .nl
            var response = PortalPages.redirect(safePath(request.uri.queryParameters["back"].map(String.init)))
            response.setCookie(settings.cookie("kijkje_lang", language.rawValue, maxAge: 365 * 86_400))
            return response
        }
    }

    /// A sign-in page whose form carries the browser's form cookie back (set here when it has none), and `next`.
    private func formPage(_ template: String, _ values: [String: Any], _ request: Request, _ context: HubContext) -> Response {
        let token = request.cookies["kijkje_form"]?.value ?? Secret.make(.formToken).secret
        var response = pages.page(template, title: "sign_in", values.merging([
            "form": token, "next": safePath(request.uri.queryParameters["next"].map(String.init)),
        ]) { $1 }, visitor: context.visitor)
        response.setCookie(settings.cookie("kijkje_form", token, maxAge: 3600))
        return response
    }

    /// The session for an address: staff of the school its domain names (entered as a person on the first
    /// sign-in) and organiser of the network it organises.
    func startSession(email: String, at now: Date) async throws -> WebSession {
        let identity = try await store.signInIdentity(email: email)
        let csrf = Secret.make(.formToken).secret
        var networkId = identity.schoolNetworkId ?? identity.organiserOf.first
        var tenantId: UUID?, personId: UUID?
        if let school = identity.school, let schoolNetwork = identity.schoolNetworkId,
           identity.organiserOf.isEmpty || identity.organiserOf.contains(schoolNetwork) {
            let people = try await store.people(tenantId: school.id, in: schoolNetwork)
            if let person = people.first(where: { $0.email == email }) {
                personId = person.id
            } else {
                let person = try PersonDraft(name: Self.name(from: email), email: email, role: Role.teacher.rawValue)
                    .validated(id: UUIDv7.make(at: now), tenant: school)
                try await store.addPerson(person, in: schoolNetwork)
                personId = person.id
            }
            tenantId = school.id
            networkId = schoolNetwork
        }
        guard let networkId else { throw PortalRefusal.unknownAddress }
        return WebSession(email: email, networkId: networkId, tenantId: tenantId, personId: personId,
                          organiser: identity.organiserOf.contains(networkId), csrf: csrf, expiresAt: now.addingTimeInterval(Self.sessionLifetime))
    }

    /// "anne.de.vries@school.nl" → "Anne De Vries" (to be corrected on the account page).
    static func name(from email: String) -> String {
        let local = email.split(separator: "@").first.map(String.init) ?? email
        return local.split(whereSeparator: { ".-_".contains($0) }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

}

/// A path inside the portal to go on to; anything else (another site, a scheme) becomes the start page.
func safePath(_ path: String?) -> String {
    guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\") else { return "/" }
    return path
}

/// What the portal is told by the hub's configuration.
struct PortalSettings: Sendable {
    /// The address links in mail point to; without it, the scheme and Host of the request.
    var publicURL: String?
    var secureCookies: Bool

    /// Every portal cookie: whole site, HttpOnly, SameSite=Lax, and Secure when people come over HTTPS.
    func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
    }

    func baseURL(_ request: Request) -> String {
        if let publicURL, !publicURL.isEmpty { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        return (secureCookies ? "https://" : "http://") + (request.head.authority ?? "localhost")
    }
}
