import Crypto
import Foundation
import Mustache

/// What went wrong setting pages up (a model that is no object, templates missing from a bundle).
public struct PageKitError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The pieces the hub's portal and the agent's administrator pages share: form bodies, secrets compared in
/// constant time, and a folder of templates.
public enum FormFields {
    /// The fields of an `application/x-www-form-urlencoded` body, each name with its values in order.
    public static func parse(_ text: String) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields[parts[0], default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return fields
    }

    /// What every page tells the browser: run no script and load nothing from elsewhere, post forms only here, never
    /// be framed, take no content type on guesswork, and send no referrer (a link's token may be in its path).
    public static let securityHeaders: [(name: String, value: String)] = [
        (
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'"
        ),
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ]

    /// Compares two secrets in time that does not depend on where they differ.
    public static func sameSecret(_ a: String, _ b: String) -> Bool {
        let x = Array(SHA256.hash(data: Data(a.utf8))), y = Array(SHA256.hash(data: Data(b.utf8)))
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension MustacheLibrary {
    /// Every `.mustache` file of a folder, each named by its file name.
    public static func folder(_ folder: URL?) throws -> MustacheLibrary {
        guard let folder, let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw PageKitError("the templates are missing from the resources")
        }
        var library = MustacheLibrary()
        for file in files where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        return library
    }
}
