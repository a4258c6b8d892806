import Foundation
import HTTPTypes
import Hummingbird
import HubStore
import KijkjeDomain
import NIOCore
import PageKit

/// Who is reading a portal page: their language and, when signed in, their session.
struct PortalVisitor: Sendable {
    var language: Language = .nl
    var session: WebSession?
    /// The hash of the session cookie's token (to sign out).
    var sessionHash: String?

    var words: [String: String] { PortalText.words(language) }
}

/// Refusals of the portal itself (the domain's and the store's have their own errors).
enum PortalRefusal: Error {
    case signInFirst
    case notOrganiser
    case formExpired
}

/// Reads the language and the session cookie on every portal request, and turns every error into a page.
struct PortalMiddleware: RouterMiddleware {
    typealias Context = HubContext
    let store: any HubStore
    let pages: PortalPages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let cookies = request.cookies
        context.visitor.language = cookies["kijkje_lang"].flatMap { Language(rawValue: $0.value) } ?? .nl
        if let token = cookies["kijkje_session"]?.value {
            let hash = Secret.hash(token)
            context.visitor.session = try await store.webSession(tokenHash: hash, at: Date().roundedToMillis)
            context.visitor.sessionHash = context.visitor.session == nil ? nil : hash
        }
        var response = try await respond(request, context, next)
        for (name, value) in Self.securityHeaders { response.headers[name] = value }
        return response
    }

    /// What every page tells the browser (see `FormFields.securityHeaders`).
    static let securityHeaders: [(HTTPField.Name, String)] = FormFields.securityHeaders.map { (HTTPField.Name($0.name)!, $0.value) }

    private func respond(
        _ request: Request, _ context: Context, _ next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let refusal as PortalRefusal {
            return page(for: refusal, visitor: context.visitor, path: request.uri.path)
        } catch let refusal as SignInRefusal {
            return page(for: refusal, visitor: context.visitor)
        } catch {
            let problem = ProblemMiddleware.problem(for: error)
            if problem.status >= 500 { context.logger.error("portal page failed", metadata: ["error": "\(String(reflecting: error))"]) }
            var lines = problem.errors?.map { "\($0.field): \($0.message)" } ?? []
            if lines.isEmpty { lines = [problem.detail] }
            return pages.page(
                ErrorPage(heading: problem.title, lines: lines, back: request.headers[.referer] ?? "/"),
                visitor: context.visitor, status: .init(code: problem.status))
        }
    }

    func page(for refusal: PortalRefusal, visitor: PortalVisitor, path: String) -> Response {
        switch refusal {
        case .signInFirst:
            return pages.page(
                SignInPage(form: "", next: path, notice: visitor.words["sign_in_first"] ?? ""), visitor: visitor,
                status: .unauthorized)
        case .notOrganiser:
            return errorPage("not_organiser", visitor, .forbidden)
        case .formExpired:
            return errorPage("form_expired", visitor, .forbidden)
        }
    }

    func page(for refusal: SignInRefusal, visitor: PortalVisitor) -> Response {
        switch refusal {
        case .tooManyLinks:
            return errorPage("too_many_links", visitor, .tooManyRequests)
        case .unknownAddress:
            return errorPage("unknown_address", visitor, .unprocessableContent)
        case .linkInvalid:
            return errorPage("link_invalid", visitor, .gone)
        }
    }

    private func errorPage(_ key: String, _ visitor: PortalVisitor, _ status: HTTPResponse.Status) -> Response {
        pages.page(ErrorPage(heading: visitor.words[key] ?? key, lines: [], back: "/"), visitor: visitor, status: status)
    }
}
