/// A published, seeded lottery: SplitMix64, the same numbers on every platform for the same seed.
public struct Lottery: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The order in which `count` entrants are drawn: `order[k]` is the index of the k-th drawn.
    public static func draw(_ count: Int, seed: UInt64) -> [Int] {
        var generator = Lottery(seed: seed)
        var order = Array(0..<count)
        // Fisher–Yates with the seeded generator, written out so no library's shuffle can change the draw.
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        return order
    }
}
