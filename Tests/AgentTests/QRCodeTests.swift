import Foundation
import Testing

@testable import AgentAdmin

/// The poster's QR code, read back by a real decoder (`zbarimg` from Debian's zbar-tools; the test command installs it).
@Suite("QR code")
struct QRCodeTests {
    @Test(
        "every version from 1 to 10 decodes to its text",
        arguments: [
            "https://kijkje.example.nl/sign-in", "HTTP://A", String(repeating: "x", count: 40),
            "https://hub.gelderse-scholen.nl:8443/sign-in?school=20AB&week=2026", String(repeating: "Kijkje! ", count: 12),
            "https://hub.example.nl/" + String(repeating: "abcdefghij", count: 15) + "/ëindé",
            String(repeating: "7", count: 110), String(repeating: "8", count: 140), String(repeating: "9", count: 170),
            String(repeating: "t", count: 200),
        ])
    func decodes(text: String) throws {
        let code = try QRCode(text)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kijkje-qr-\(UUID().uuidString).pgm")
        defer { try? FileManager.default.removeItem(at: file) }
        try code.pgm().write(to: file)
        let output = try AgentAdminTests.decodeQR(file)
        #expect(output == text, "version \((code.size - 17) / 4)")
    }

    @Test("a text longer than version 10 holds is refused")
    func tooLong() {
        #expect(throws: QRCode.Failure.self) { try QRCode(String(repeating: "x", count: 214)) }
    }
}
