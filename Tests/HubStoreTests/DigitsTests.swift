import Foundation
import KijkjeDomain
import KijkjeSync
import Testing

@Suite("Digits")
struct DigitsTests {
    @Test("numbers are written with leading zeros, bytes as hexadecimal, as printf would")
    func asPrintf() {
        for (n, width) in [(0, 2), (7, 2), (42, 2), (123, 2), (5, 3), (2026, 4), (999, 3)] {
            #expect(Digits.padded(n, width) == String(format: "%0\(width)d", n))
        }
        let bytes: [UInt8] = [0, 1, 15, 16, 127, 128, 254, 255]
        #expect(Digits.hex(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        #expect(Day(year: 2026, month: 3, day: 9).description == "2026-03-09")
        #expect(Date(timeIntervalSince1970: 1_700_000_000.007).wireText == "2023-11-14T22:13:20.007Z")
    }
}
