import Foundation
import Hummingbird
import HubStore
import KijkjeDomain

/// Sign in by mail link: an address names its school by its domain (or is an organiser's); a single-use link,
/// valid 15 minutes, is mailed through the outbox; opening it and confirming starts a session (an HttpOnly,
/// SameSite=Lax cookie, Secure under TLS). Requests for links are limited per address and per client.
struct PortalSignIn {
    let operations: Operations
    let pages: PortalPages
    let settings: PortalSettings

    func add(to portal: RouterGroup<HubContext>) {
        portal.get(PortalPath.home.route, use: home)
        portal.get(PortalPath.signIn.route, use: signInPage)
        portal.post(PortalPath.signIn.route, use: askForLink)
        portal.get(PortalPath.signInLinkRoute, use: confirmPage)
        portal.post(PortalPath.signInConfirm.route, use: confirm)
        portal.post(PortalPath.signOut.route, use: signOut)
        portal.get(PortalPath.languageRoute, use: language)
    }

    /// The start: the catalogue for staff, the dashboard for organisers, else signing in.
    @Sendable func home(_ request: Request, context: HubContext) async throws -> Response {
        guard let session = context.visitor.session else { return PortalPages.redirect(.signIn) }
        return PortalPages.redirect(session.personId != nil ? .catalogue : .organiser)
    }

    @Sendable func signInPage(_ request: Request, context: HubContext) async throws -> Response {
        withFormCookie(request) { form in
            pages.page(
                SignInPage(form: form, next: safePath(request.uri.queryParameters["next"].map(String.init))), visitor: context.visitor)
        }
    }

    @Sendable func askForLink(_ request: Request, context: HubContext) async throws -> Response {
        let form = try await PortalForm.read(request, context: context)
        try form.requireFormCookie(of: request)
        let words = context.visitor.words
        let next = safePath(form["next"])
        try await operations.requestSignInLink(
            email: form["email"], client: context.clientAddress,
            mail: .init(subject: words["mail_subject"] ?? "Kijkje", body: words["mail_body"] ?? "%@"), at: Date().roundedToMillis
        ) { token in settings.baseURL(context) + PortalPath.signInLink(token) + "?next=" + next }
        return pages.page(LinkSentPage(email: Person.canonicalAddress(form["email"] ?? "")), visitor: context.visitor)
    }

    /// Opening the link only shows a button: mail scanners that fetch links must not use it up.
    @Sendable func confirmPage(_ request: Request, context: HubContext) async throws -> Response {
        withFormCookie(request) { form in
            pages.page(
                SignInConfirmPage(
                    token: context.parameters.get("token") ?? "", form: form,
                    next: safePath(request.uri.queryParameters["next"].map(String.init))), visitor: context.visitor)
        }
    }

    @Sendable func confirm(_ request: Request, context: HubContext) async throws -> Response {
        let form = try await PortalForm.read(request, context: context)
        // The confirming browser must be the one that opened the link (no signing someone in from another site).
        try form.requireFormCookie(of: request)
        let (session, token) = try await operations.confirmSignIn(token: form["token"], at: Date().roundedToMillis)
        let next = safePath(form["next"])
        var response = next != "/" ? PortalPages.redirect(next) : PortalPages.redirect(session.personId == nil ? .organiser : .catalogue)
        response.setCookie(settings.cookie("kijkje_session", token, maxAge: Int(Operations.webSessionLifetime)))
        return response
    }

    @Sendable func signOut(_ request: Request, context: HubContext) async throws -> Response {
        _ = try await PortalForm.checked(request, context: context)
        try await operations.signOut(sessionHash: context.visitor.sessionHash)
        var response = PortalPages.redirect(.signIn)
        response.setCookie(settings.cookie("kijkje_session", "", maxAge: 0))
        return response
    }

    @Sendable func language(_ request: Request, context: HubContext) async throws -> Response {
        let language = Language(rawValue: context.parameters.get("language") ?? "") ?? .nl
        var response = PortalPages.redirect(safePath(request.uri.queryParameters["back"].map(String.init)))
        response.setCookie(settings.cookie("kijkje_lang", language.rawValue, maxAge: 365 * 86_400))
        return response
    }

    /// A page whose form carries the browser's form cookie back (set here when it has none).
    private func withFormCookie(_ request: Request, _ page: (String) -> Response) -> Response {
        let token = request.cookies["kijkje_form"]?.value ?? Secret.make(.formToken).secret
        var response = page(token)
        response.setCookie(settings.cookie("kijkje_form", token, maxAge: 3600))
        return response
    }
}

/// A path inside the portal to go on to; anything else (another site, a scheme, a control character or space
/// a browser would strip to make `//host`, a backslash) becomes the start page.
func safePath(_ path: String?) -> String {
    guard let path, path.hasPrefix("/"), !path.hasPrefix("//"),
        path.unicodeScalars.allSatisfy({
            $0.value > 0x20 && $0.value != 0x7F && $0 != "\\" && !CharacterSet.whitespacesAndNewlines.contains($0)
        })
    else { return "/" }
    return path
}

/// What the portal is told by the hub's configuration.
struct PortalSettings: Sendable {
    /// The address links in mail point to; without it, the address the connection reached.
    var publicURL: String?
    var secureCookies: Bool
    /// Days an edition's personal data is kept after its last day, and sync tombstones are kept (for the register).
    var retentionDays = 365
    var tombstoneDays = 30

    /// Every portal cookie: whole site, HttpOnly, SameSite=Lax, and Secure when people come over HTTPS.
    func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
    }

    /// Where links in mail and on pages point: the configured public address, else the address the connection
    /// reached (the socket's own, never the request's Host header, which whoever asks for a link controls).
    func baseURL(_ context: some PortalRequestContext) -> String {
        if let publicURL, !publicURL.isEmpty { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        return (secureCookies ? "https://" : "http://") + (context.serverAddress ?? "localhost")
    }
}
