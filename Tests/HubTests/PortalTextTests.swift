import Foundation
import KijkjeDomain
@testable import Hub
import Testing

@Suite("Portal words")
struct PortalTextTests {
    @Test("every word a template asks for exists in Dutch and in English, and no translation is left empty")
    func everyTemplateWordIsTranslated() throws {
        let folder = OpenAPISpecTests.root.appendingPathComponent("Sources/Hub/Templates")
        var keys = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /\{\{[#^\/]?t\.([a-z_\-]+)\}\}/) { keys.insert(String(match.1)) }
        }
        #expect(keys.count > 100)
        for language in Language.allCases {
            let words = PortalText.words(language)
            #expect(keys.subtracting(words.keys).sorted() == [], "\(language) lacks words")
            #expect(words.filter { $0.value.isEmpty }.isEmpty)
        }
        #expect(Set(PortalText.table.map(\.0)).count == PortalText.table.count, "a word is listed twice")
    }
}
