/// Numbers as fixed-width digits, written without `String(format:)` (which goes through C's printf and showed in
/// the demo's and the sync's profiles).
public enum Digits {
    /// `n` in decimal, with leading zeros to `width` digits: `padded(7, 2)` is "07".
    public static func padded(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// The bytes in lower-case hexadecimal, two digits each.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        for byte in bytes {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
