import Foundation
import Hummingbird
import HubStore
import Mustache
import NIOCore
import PageKit

/// The portal's templates (swift-mustache, in `Templates/`), rendered into complete pages with the layout, the
/// words of the reader's language, who is signed in and the form token; and the week the pages show, read once
/// per change (`PortalWeeks`).
struct PortalPages: Sendable {
    let library: MustacheLibrary
    let weeks: PortalWeeks
    /// Cards and choices as made, by what they show: kept across changes of the week, since a change (an
    /// enrolment) alters one card of a catalogue and none of its choices.
    let cards = Memo<CatalogueCard, String>(capacity: 5_000)
    let choices = Memo<[Option], String>(capacity: 1_000)

    /// Reads every `.mustache` file of the hub's `Templates` resource folder, named by its file name.
    static func load(store: any HubStore) throws -> PortalPages {
        do {
            return PortalPages(
                library: try .folder(Bundle.module.resourceURL?.appendingPathComponent("Templates")), weeks: PortalWeeks(store: store))
        } catch let error as PageKitError {
            throw PortalError.setup("the portal's \(error)")
        }
    }

    /// A page: its model's values plus the frame every page has (the words, the language, the title, the form
    /// token, who is signed in, the portal's paths and the message a redirect asked for), in the layout.
    func page<Model: PortalPage>(
        _ model: Model, visitor: PortalVisitor, message: String = "",
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let frame = PageFrame(visitor: visitor, title: visitor.words[Model.title] ?? Model.title, message: message)
        let html: String
        do {
            var values = try TemplateValues.of(model).merging(try TemplateValues.of(frame)) { own, _ in own }
            values["t"] = PortalText.templateWords(visitor.language)
            html = library.render(values, withTemplate: Model.template) ?? "template \(Model.template) is missing"
        } catch {
            html = "page \(Model.template) could not be shown: \(error)"
        }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A catalogue card: a session as the catalogue lists it.
    func card(_ row: SessionRow, words: [String: String]) -> String {
        let card = CatalogueCard(session: row, kickoffWord: words["kickoff"] ?? "")
        return cards.value(for: card) { library.render((try? TemplateValues.of(card)) ?? [:], withTemplate: CatalogueCard.template) ?? "" }
    }

    /// Choices of a select, as `<option>` elements.
    func options(_ options: [Option]) -> String {
        choices.value(for: options) { library.render((try? TemplateValues.of(["options": options])) ?? [:], withTemplate: "options") ?? "" }
    }

    /// A page answering a request: with the message its redirect asked for (`?msg=`), in the reader's words.
    func page<Model: PortalPage>(_ model: Model, for request: Request, visitor: PortalVisitor) -> Response {
        let key = request.uri.queryParameters["msg"].map(String.init)
        return page(model, visitor: visitor, message: key.flatMap { visitor.words["msg_\($0)"] } ?? "")
    }

    /// See-other to a page of the portal, with a message key for the next page to show.
    static func redirect(_ path: PortalPath, message: String? = nil) -> Response { redirect(path.rawValue, message: message) }

    static func redirect(_ path: String, message: String? = nil) -> Response {
        var location = path
        if let message { location += (path.contains("?") ? "&" : "?") + "msg=" + message }
        return Response(status: .seeOther, headers: [.location: location])
    }
}

/// A page of the portal: the model its template shows, the template's name and the word key of its title.
protocol PortalPage: Encodable, Sendable {
    static var template: String { get }
    static var title: String { get }
}

/// What every page shows around its own model (besides the reader's words, `{{t.key}}`, which `page` adds as made
/// once per language).
struct PageFrame: Encodable, Sendable {
    struct SignedIn: Encodable, Sendable {
        var email: String
        var organiser: Bool
        var staff: Bool
    }

    var lang: String
    var title: String
    var csrf: String
    var me: SignedIn?
    var path = PortalPath.forTemplates
    /// The language link: the other language, back to the start.
    var otherLanguage: String
    var message: String

    init(visitor: PortalVisitor, title: String, message: String) {
        lang = visitor.language.rawValue
        self.title = title
        csrf = visitor.session?.csrf ?? ""
        me = visitor.session.map { SignedIn(email: $0.email, organiser: $0.organiser, staff: $0.personId != nil) }
        otherLanguage = PortalPath.language(visitor.language == .nl ? .en : .nl)
        self.message = message
    }
}

/// What the portal cannot do without, in one line.
enum PortalError: Error, CustomStringConvertible {
    case setup(String)
    var description: String {
        switch self {
        case .setup(let text): text
        }
    }
}
