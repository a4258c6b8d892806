import Foundation

/// A QR code (ISO/IEC 18004) for a short text such as the portal's address: byte mode, error correction level M,
/// versions 1 to 10 (up to 213 bytes), the mask with the lowest penalty. `modules[y][x]` is true for a dark module.
struct QRCode: Sendable {
    let modules: [[Bool]]
    var size: Int { modules.count }

    /// Data codewords per block and error-correction codewords per block, level M, versions 1–10.
    static let blocks: [(ec: Int, groups: [(count: Int, data: Int)])] = [
        (10, [(1, 16)]), (16, [(1, 28)]), (26, [(1, 44)]), (18, [(2, 32)]), (24, [(2, 43)]),
        (16, [(4, 27)]), (18, [(4, 31)]), (22, [(2, 38), (2, 39)]), (22, [(3, 36), (2, 37)]), (26, [(4, 43), (1, 44)]),
    ]
    static let alignment: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ]

    enum Failure: Error { case tooLong }

    init(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard
            let version = (1...10).first(where: { v in
                let capacity = Self.blocks[v - 1].groups.reduce(0) { $0 + $1.count * $1.data }
                return Self.eciBits(bytes) + 4 + (v < 10 ? 8 : 16) + 8 * bytes.count <= 8 * capacity
            })
        else { throw Failure.tooLong }
        let codewords = Self.codewords(bytes, version: version)
        var best: (penalty: Int, grid: Grid)?
        for mask in 0..<8 {
            var grid = Grid(version: version)
            grid.place(codewords)
            grid.apply(mask: mask)
            grid.format(mask: mask)
            let penalty = grid.penalty()
            if best == nil || penalty < best!.penalty { best = (penalty, grid) }
        }
        modules = best!.grid.dark
    }

    static func eciBits(_ bytes: [UInt8]) -> Int { bytes.contains { $0 >= 0x80 } ? 12 : 0 }

    /// The data in byte mode, padded, split into blocks, each with its Reed–Solomon codewords, interleaved.
    static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let layout = blocks[version - 1]
        let capacity = layout.groups.reduce(0) { $0 + $1.count * $1.data }
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
        }
        // Text beyond ASCII says it is UTF-8 (ECI 26); decoders assume ISO 8859-1 otherwise.
        if eciBits(bytes) > 0 {
            append(0b0111, 4)
            append(26, 8)
        }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, 8 * capacity - bits.count))
        while bits.count % 8 != 0 { bits.append(false) }
        var data = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { ($0 << 1) | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while data.count < capacity {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        var dataBlocks: [[UInt8]] = [], start = 0
        for group in layout.groups {
            for _ in 0..<group.count {
                dataBlocks.append(Array(data[start..<start + group.data]))
                start += group.data
            }
        }
        let ecBlocks = dataBlocks.map { ReedSolomon.remainder($0, degree: layout.ec) }
        var out: [UInt8] = []
        for i in 0..<(dataBlocks.map(\.count).max() ?? 0) { for block in dataBlocks where i < block.count { out.append(block[i]) } }
        for i in 0..<layout.ec { for block in ecBlocks { out.append(block[i]) } }
        return out
    }

    /// The modules, with which of them are function patterns (finders, timing, alignment, format and version info).
    struct Grid {
        let version: Int
        let size: Int
        var dark: [[Bool]]
        var function: [[Bool]]

        init(version: Int) {
            self.version = version
            size = 17 + 4 * version
            dark = Array(repeating: Array(repeating: false, count: size), count: size)
            function = dark
            for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] { finder(x, y) }
            // Alignment patterns everywhere but on the three finders (those on the timing lines replace them there).
            let centres = QRCode.alignment[version - 1], last = centres.count - 1
            for (i, cy) in centres.enumerated() {
                for (j, cx) in centres.enumerated() where !((i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0)) {
                    for dy in -2...2 { for dx in -2...2 { set(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) } }
                }
            }
            for i in 0..<size {
                if !function[6][i] { set(i, 6, i % 2 == 0) }
                if !function[i][6] { set(6, i, i % 2 == 0) }
            }
            // Reserve the format areas (written per mask) and the dark module.
            for i in 0..<9 {
                reserve(8, i)
                reserve(i, 8)
            }
            for i in 0..<8 {
                reserve(size - 1 - i, 8)
                reserve(8, size - 1 - i)
            }
            set(8, size - 8, true)
            if version >= 7 {
                var remainder = version
                for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
                let bits = version << 12 | remainder
                for i in 0..<18 {
                    let bit = (bits >> i) & 1 == 1, a = size - 11 + i % 3, b = i / 3
                    set(a, b, bit)
                    set(b, a, bit)
                }
            }
        }

        mutating func set(_ x: Int, _ y: Int, _ value: Bool) {
            dark[y][x] = value
            function[y][x] = true
        }

        mutating func reserve(_ x: Int, _ y: Int) { function[y][x] = true }

        /// A finder pattern centred on (x, y), with its light separator.
        mutating func finder(_ x: Int, _ y: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let (px, py) = (x + dx, y + dy)
                    guard px >= 0, px < size, py >= 0, py < size else { continue }
                    let distance = max(abs(dx), abs(dy))
                    set(px, py, distance != 2 && distance != 4)
                }
            }
        }

        /// The codewords' bits up and down the two-module columns from the right, around the function patterns.
        mutating func place(_ codewords: [UInt8]) {
            var index = 0
            let total = codewords.count * 8
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for j in 0..<2 {
                        let x = right - j
                        let upward = ((right + 1) & 2) == 0
                        let y = upward ? size - 1 - vertical : vertical
                        guard !function[y][x] else { continue }
                        if index < total { dark[y][x] = (codewords[index >> 3] >> (7 - (index & 7))) & 1 == 1 }
                        index += 1
                    }
                }
                right -= 2
            }
        }

        mutating func apply(mask: Int) {
            for y in 0..<size {
                for x in 0..<size where !function[y][x] {
                    let flip: Bool =
                        switch mask {
                        case 0: (x + y) % 2 == 0
                        case 1: y % 2 == 0
                        case 2: x % 3 == 0
                        case 3: (x + y) % 3 == 0
                        case 4: (x / 3 + y / 2) % 2 == 0
                        case 5: x * y % 2 + x * y % 3 == 0
                        case 6: (x * y % 2 + x * y % 3) % 2 == 0
                        default: ((x + y) % 2 + x * y % 3) % 2 == 0
                        }
                    if flip { dark[y][x].toggle() }
                }
            }
        }

        /// The format information: level M (00) and the mask, BCH-coded, in both copies.
        mutating func format(mask: Int) {
            let data = 0b00 << 3 | mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
            for i in 0...5 { set(8, i, bit(i)) }
            set(8, 7, bit(6))
            set(8, 8, bit(7))
            set(7, 8, bit(8))
            for i in 9..<15 { set(14 - i, 8, bit(i)) }
            for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
            for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
            set(8, size - 8, true)
        }

        /// The standard's penalty: runs of five or more, 2×2 blocks, finder-like patterns, and dark/light imbalance.
        func penalty() -> Int {
            var score = 0
            func lines(_ rows: Bool) -> [[Bool]] {
                rows ? dark : (0..<size).map { x in (0..<size).map { y in dark[y][x] } }
            }
            for vertical in [true, false] {
                for line in lines(vertical) {
                    var run = 1
                    for i in 1..<size {
                        if line[i] == line[i - 1] {
                            run += 1
                        } else {
                            if run >= 5 { score += run - 2 }
                            run = 1
                        }
                    }
                    if run >= 5 { score += run - 2 }
                    let pattern: [Bool] = [true, false, true, true, true, false, true]
                    for i in 0...(size - 7) where Array(line[i..<i + 7]) == pattern {
                        let before = i >= 4 && !line[i - 4..<i].contains(true)
                        let after = i + 11 <= size && !line[i + 7..<i + 11].contains(true)
                        if before || after { score += 40 }
                    }
                }
            }
            for y in 0..<size - 1 {
                for x in 0..<size - 1 {
                    let v = dark[y][x]
                    if dark[y][x + 1] == v && dark[y + 1][x] == v && dark[y + 1][x + 1] == v { score += 3 }
                }
            }
            let darkCount = dark.reduce(0) { $0 + $1.filter { $0 }.count }
            score += abs(darkCount * 20 - size * size * 10) / (size * size) * 10
            return score
        }
    }
}

/// Reed–Solomon error correction over GF(256) with the QR code's polynomial (x⁸ + x⁴ + x³ + x² + 1).
enum ReedSolomon {
    static let (exp, log): ([Int], [Int]) = {
        var exp = [Int](repeating: 0, count: 512), log = [Int](repeating: 0, count: 256)
        var x = 1
        for i in 0..<255 {
            exp[i] = x
            log[x] = i
            x <<= 1
            if x & 0x100 != 0 { x ^= 0x11D }
        }
        for i in 255..<512 { exp[i] = exp[i - 255] }
        return (exp, log)
    }()

    static func multiply(_ a: Int, _ b: Int) -> Int { a == 0 || b == 0 ? 0 : exp[log[a] + log[b]] }

    /// The generator polynomial of a degree, highest coefficient first (its leading 1 left out).
    static func generator(_ degree: Int) -> [Int] {
        var poly = [1]
        for i in 0..<degree {
            var next = [Int](repeating: 0, count: poly.count + 1)
            for (j, c) in poly.enumerated() {
                next[j] ^= c
                next[j + 1] ^= multiply(c, exp[i])
            }
            poly = next
        }
        return Array(poly.dropFirst())
    }

    static func remainder(_ data: [UInt8], degree: Int) -> [UInt8] {
        let generator = generator(degree)
        var rest = [Int](repeating: 0, count: degree)
        for byte in data {
            let factor = Int(byte) ^ rest[0]
            rest.removeFirst()
            rest.append(0)
            for i in 0..<degree { rest[i] ^= multiply(generator[i], factor) }
        }
        return rest.map(UInt8.init)
    }
}

extension QRCode {
    /// The code as an SVG (with the four-module quiet zone), one path of dark squares.
    func svg(label: String) -> String {
        let side = size + 8
        var path = ""
        for (y, row) in modules.enumerated() {
            for (x, dark) in row.enumerated() where dark { path += "M\(x + 4) \(y + 4)h1v1h-1z" }
        }
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" role=\"img\" aria-label=\"\(label)\" "
            + "shape-rendering=\"crispEdges\"><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path d=\"\(path)\" fill=\"#000\"/></svg>"
    }

    /// The code as a binary PGM image (for a decoder), `scale` pixels a module, with the quiet zone.
    func pgm(scale: Int = 8) -> Data {
        let side = (size + 8) * scale
        var pixels = [UInt8](repeating: 255, count: side * side)
        for (y, row) in modules.enumerated() {
            for (x, dark) in row.enumerated() where dark {
                for dy in 0..<scale { for dx in 0..<scale { pixels[((y + 4) * scale + dy) * side + (x + 4) * scale + dx] = 0 } }
            }
        }
        return Data("P5\n\(side) \(side)\n255\n".utf8) + Data(pixels)
    }
}
