import Foundation
import Hummingbird
import Mustache
import NIOCore

/// The portal's templates (swift-mustache, in `Templates/`), rendered into complete pages with the layout, the
/// words of the reader's language, who is signed in and the form token.
struct PortalPages: Sendable {
    let library: MustacheLibrary

    /// Reads every `.mustache` file of the hub's `Templates` resource folder, named by its file name.
    static func load() throws -> PortalPages {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Templates"),
              let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { throw PortalError.setup("the portal's templates are missing from the hub's resources") }
        var library = MustacheLibrary()
        for file in files where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        return PortalPages(library: library)
    }

    /// A page: `values` plus `t` (the words), `lang`, `csrf`, `me` and `title`, in the layout.
    func page(_ template: String, title: String, _ values: [String: Any], visitor: PortalVisitor,
              status: HTTPResponse.Status = .ok) -> Response {
        var all = Self.present(values)
        all["t"] = visitor.words
        all["lang"] = visitor.language.rawValue
        all["title"] = visitor.words[title] ?? title
        all["csrf"] = visitor.session?.csrf ?? ""
        if let session = visitor.session {
            all["me"] = ["email": session.email, "organiser": session.organiser, "staff": session.personId != nil] as [String: Any]
        }
        let html = library.render(all, withTemplate: template) ?? "template \(template) is missing"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The values without nil optionals and empty texts, at every depth, so that `{{#key}}` sections skip them
    /// (swift-mustache counts an empty text as present); present optionals are unwrapped.
    static func present(_ values: [String: Any]) -> [String: Any] {
        values.compactMapValues(present)
    }

    static func present(_ value: Any) -> Any? {
        if let text = value as? String { return text.isEmpty ? nil : text }
        if let dictionary = value as? [String: Any] { return present(dictionary) }
        if let list = value as? [[String: Any]] { return list.map { present($0) } }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.flatMap { present($0.value) }
    }

    /// See-other to a page of the portal, with a message key for the next page to show.
    static func redirect(_ path: String, message: String? = nil) -> Response {
        var location = path
        if let message { location += (path.contains("?") ? "&" : "?") + "msg=" + message }
        return Response(status: .seeOther, headers: [.location: location])
    }
}

/// What the portal cannot do without, in one line.
enum PortalError: Error, CustomStringConvertible {
    case setup(String)
    var description: String { switch self { case .setup(let text): text } }
}
