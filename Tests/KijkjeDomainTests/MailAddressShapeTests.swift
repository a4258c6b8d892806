import KijkjeDomain
import Testing

@Suite("Mail address shape")
struct MailAddressShapeTests {
    /// The shape the check stands for, as a regular expression (the check itself is written by hand, for speed).
    static func expression(_ text: String) -> Bool { text.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) != nil }

    @Test("the hand-written check agrees with [^@\\s]+@[^@\\s]+\\.[^@\\s]+ on edge cases and on every short text")
    func agreesWithTheExpression() {
        let cases = [
            "anne@school.nl", "a@b.c", "a@.b", "a@b.", "a@..", "a@...", "a@b..c", "@b.c", "a@@b.c", "a@b@c.d", "a b@c.d", "a@b.c ",
            " a@b.c", "a@b.c\n", "a\t@b.c", "", "@", "a@", "a@b", "é@ç.nl", "a@b\u{301}.c", "a@\u{301}.c", "a\u{A0}@b.c", "a@b.c\u{2028}",
        ]
        for text in cases { #expect(Person.looksLikeMailAddress(text) == Self.expression(text), "\(text.debugDescription)") }
        // Every text of up to five characters from these.
        let alphabet: [String] = ["a", "@", ".", " ", "\u{301}", "\u{A0}"]
        var texts = [""]
        for _ in 0..<5 { texts += texts.suffix(texts.count).flatMap { text in alphabet.map { text + $0 } }.filter { $0.count <= 5 } }
        for text in Set(texts) where Person.looksLikeMailAddress(text) != Self.expression(text) {
            Issue.record("\(text.debugDescription): the check and the expression disagree")
        }
    }
}
