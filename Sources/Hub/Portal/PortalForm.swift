import Foundation
import Hummingbird
import PageKit

/// A submitted HTML form (`application/x-www-form-urlencoded`), its CSRF token checked against the session's.
public struct PortalForm: Sendable {
    public let fields: [String: [String]]

    static func read(_ request: Request, context: some PortalRequestContext) async throws -> PortalForm {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return PortalForm(fields: parse(String(buffer: body)))
    }

    /// Reads the form and refuses it unless it carries the signed-in session's token.
    static func checked(_ request: Request, context: some PortalRequestContext) async throws -> PortalForm {
        let form = try await read(request, context: context)
        guard let expected = context.visitor.session?.csrf else { throw PortalRefusal.signInFirst }
        guard sameSecret(form["csrf"] ?? "", expected) else { throw PortalRefusal.formExpired }
        return form
    }

    /// Forms before sign-in carry the `kijkje_form` cookie's value back (a double-submit token).
    func requireFormCookie(of request: Request) throws {
        guard let expected = request.cookies["kijkje_form"]?.value, Self.sameSecret(self["form"] ?? "", expected) else {
            throw PortalRefusal.formExpired
        }
    }

    /// The fields of a form body, each name with its values in order.
    public static func parse(_ text: String) -> [String: [String]] { FormFields.parse(text) }

    subscript(_ name: String) -> String? {
        fields[name]?.first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    func all(_ name: String) -> [String] { fields[name] ?? [] }

    static func sameSecret(_ a: String, _ b: String) -> Bool { FormFields.sameSecret(a, b) }
}

/// A request context that knows the portal's reader and the address its connection reached (the hub's own
/// context, and the page groups' caller contexts).
protocol PortalRequestContext: RequestContext {
    var visitor: PortalVisitor { get }
    var serverAddress: String? { get }
}

extension HubContext: PortalRequestContext {}
extension CallerContext: PortalRequestContext {}
