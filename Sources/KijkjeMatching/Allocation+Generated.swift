/// The shape of a generated allocation instance: its size, how popular sessions are, and the constraints.
public struct AllocationShape: Sendable, Equatable, Codable, CustomStringConvertible {
    public var staff: Int
    public var sessions: Int
    /// Ranked choices per person.
    public var choices = 10
    /// Zipf exponent of the sessions' popularity: 0 uniform … 1.3 (a few workshops everyone wants).
    public var skew = 0.0
    public var capacity: ClosedRange<Int> = 40...76
    /// The share of people who already hold a session in one of the eight half-day slots.
    public var held = 0.0
    public var fairShare = false

    public init(
        staff: Int, sessions: Int, choices: Int = 10, skew: Double = 0, capacity: ClosedRange<Int> = 40...76, held: Double = 0,
        fairShare: Bool = false
    ) {
        self.staff = staff
        self.sessions = sessions
        self.choices = choices
        self.skew = skew
        self.capacity = capacity
        self.held = held
        self.fairShare = fairShare
    }

    public var description: String {
        var parts = ["\(staff) staff x \(sessions) sessions x \(choices)", skew == 0 ? "uniform" : "zipf \(skew)"]
        parts.append("capacity \(capacity.lowerBound)-\(capacity.upperBound)")
        if held > 0 { parts.append("\(Int(held * 100))% hold a slot") }
        if fairShare { parts.append("fair share") }
        return parts.joined(separator: ", ")
    }

    /// The shapes of the benchmark: the sizes of the network and of ten times it, uniform to strongly skewed,
    /// with held slots and fair share; the reference tests run them scaled down.
    public static let benchmark = [
        AllocationShape(staff: 7000, sessions: 120),
        AllocationShape(staff: 7000, sessions: 120, skew: 1),
        AllocationShape(staff: 7000, sessions: 120, skew: 1.3),
        AllocationShape(staff: 7000, sessions: 120, skew: 1, held: 0.3, fairShare: true),
        AllocationShape(staff: 7000, sessions: 60, skew: 0.5),
        AllocationShape(staff: 100_000, sessions: 1200),
        AllocationShape(staff: 100_000, sessions: 1200, skew: 1),
    ]

    /// The same shape with staff and sessions multiplied by `factor`.
    public func scaled(by factor: Double) -> AllocationShape {
        var shape = self
        shape.staff = max(1, Int(Double(staff) * factor))
        shape.sessions = max(1, Int(Double(sessions) * factor))
        return shape
    }

    /// A random shape for sweeps: every parameter drawn from its whole range, sizes up to `largest` staff.
    public static func random(using lottery: inout Lottery, largest: Int = 20_000) -> AllocationShape {
        let staff = Int.random(in: 200...largest, using: &lottery)
        let low = Int.random(in: 1...60, using: &lottery)
        let capacity = low...(low + Int.random(in: 0...40, using: &lottery))
        // Places for 60% to 200% of the staff.
        let places = Double(staff) * Double.random(in: 0.6...2.0, using: &lottery)
        return AllocationShape(
            staff: staff, sessions: max(1, Int(places / Double(capacity.lowerBound + capacity.upperBound) * 2)),
            choices: Int.random(in: 1...12, using: &lottery), skew: (Double.random(in: 0...1.3, using: &lottery) * 10).rounded() / 10,
            capacity: capacity, held: [0, 0, 0.3].randomElement(using: &lottery)!, fairShare: Bool.random(using: &lottery))
    }
}

extension Allocation.Instance {
    /// An instance like a real week, for benchmarks and reference checks: eight half-day slots, 35 schools,
    /// choices drawn without repeats with the shape's popularity.
    public static func generated(_ shape: AllocationShape, seed: UInt64) -> Allocation.Instance {
        var lottery = Lottery(seed: seed)
        let slots = ["ma-ochtend", "ma-middag", "di-ochtend", "di-middag", "wo-ochtend", "wo-middag", "do-ochtend", "do-middag"]
        let list = (0..<shape.sessions).map { s in
            Allocation.Session(id: "s\(s)", capacity: Int.random(in: shape.capacity, using: &lottery), slot: slots[s % slots.count])
        }
        let popularity = Popularity(count: shape.sessions, skew: shape.skew)
        let people = (0..<shape.staff).map { p in
            let picked = popularity.draw(shape.choices, using: &lottery)
            var person = Allocation.Person(id: "p\(p)", choices: picked.map { "s\($0)" }, school: "t\(Int(lottery.next() % 35))")
            if Double.random(in: 0..<1, using: &lottery) < shape.held { person.heldSlots = [slots.randomElement(using: &lottery)!] }
            return person
        }
        return Allocation.Instance(sessions: list, staff: people, seed: seed, fairShare: shape.fairShare ? true : nil)
    }
}
