/// Ranked-choice allocation of scarce workshop places: one place per person, lexicographically optimal.
///
/// First as many people as possible get a place; among those allocations, the worst rank anyone gets is as
/// good as possible; among those, the sum of squared ranks is least. Ties are broken by a seeded lottery:
/// people are considered in lottery order. With `fairShare`, no school takes more of a workshop's places than
/// its share of the people who chose it (rounded up).
public enum Allocation {
    public struct Session: Sendable, Equatable, Codable {
        public var id: String
        public var capacity: Int
        /// The time slot; a person is not given a session in a slot they already hold.
        public var slot: String?

        public init(id: String, capacity: Int, slot: String? = nil) {
            self.id = id
            self.capacity = capacity
            self.slot = slot
        }
    }

    public struct Person: Sendable, Equatable, Codable {
        public var id: String
        /// Session ids, most wanted first.
        public var choices: [String]
        public var school: String?
        /// Slots in which the person already holds a session (from first come, first served or the kickoff).
        public var heldSlots: [String]?

        public init(id: String, choices: [String], school: String? = nil, heldSlots: [String]? = nil) {
            self.id = id
            self.choices = choices
            self.school = school
            self.heldSlots = heldSlots
        }
    }

    public struct Instance: Sendable, Equatable, Codable {
        public var sessions: [Session]
        public var staff: [Person]
        public var seed: UInt64
        public var fairShare: Bool?

        public init(sessions: [Session], staff: [Person], seed: UInt64, fairShare: Bool? = nil) {
            self.sessions = sessions
            self.staff = staff
            self.seed = seed
            self.fairShare = fairShare
        }
    }

    /// Why a person got what they got, choice by choice.
    public enum Reason: Sendable, Equatable, Codable {
        /// This is the place they got.
        case assigned
        /// Every place went to people for whom the optimum needed it (the session was full).
        case full
        /// The person already holds a session in this slot.
        case slotTaken(slot: String)
        /// The person's school had its fair share of this session's places.
        case schoolShareReached(share: Int)
        /// No such session.
        case unknownSession
        /// Ranked below the choice they got.
        case lowerThanAssigned
    }

    public struct Explanation: Sendable, Equatable, Codable {
        public var person: String
        public var lotteryNumber: Int
        public var assigned: String?
        public var rank: Int?
        public var choices: [ChoiceOutcome]

        public init(person: String, lotteryNumber: Int, assigned: String?, rank: Int?, choices: [ChoiceOutcome]) {
            self.person = person
            self.lotteryNumber = lotteryNumber
            self.assigned = assigned
            self.rank = rank
            self.choices = choices
        }
    }

    public struct ChoiceOutcome: Sendable, Equatable, Codable {
        public var session: String
        public var rank: Int
        public var reason: Reason

        public init(session: String, rank: Int, reason: Reason) {
            self.session = session
            self.rank = rank
            self.reason = reason
        }
    }

    public struct Result: Sendable, Equatable {
        public var assigned: [String: String]
        public var unassigned: [String]
        public var worstRank: Int
        public var sumSquaredRanks: Int
        public var explanations: [Explanation]

        public init(assigned: [String: String], unassigned: [String], worstRank: Int, sumSquaredRanks: Int, explanations: [Explanation]) {
            self.assigned = assigned
            self.unassigned = unassigned
            self.worstRank = worstRank
            self.sumSquaredRanks = sumSquaredRanks
            self.explanations = explanations
        }
    }

    /// Solves an instance. Deterministic for its seed.
    public static func solve(_ instance: Instance) -> Result {
        let model = Model(instance)
        guard !model.choices.isEmpty else { return model.result(taking: []) }
        let everyone = model.flow(maxRank: model.maxRank, costs: false)
        var worst = model.maxRank
        for k in 1..<max(1, model.maxRank) where model.flow(maxRank: k, costs: false).count == everyone.count {
            worst = k
            break
        }
        return model.result(taking: model.flow(maxRank: worst, costs: true))
    }

    /// The flow network of an instance: source → person (1) → (session, school) when fair → session (capacity) → sink.
    struct Model {
        struct Choice { var person: Int; var session: Int; var rank: Int }

        let instance: Instance
        let lotteryNumber: [Int]
        let drawOrder: [Int]
        let sessionIndex: [String: Int]
        /// Admissible choices, in lottery order of their people and rank order within a person.
        var choices: [Choice] = []
        var schoolShare: [Int: [String: Int]] = [:]
        var maxRank = 0

        init(_ instance: Instance) {
            self.instance = instance
            drawOrder = Lottery.draw(instance.staff.count, seed: instance.seed)
            var numbers = [Int](repeating: 0, count: instance.staff.count)
            for (k, person) in drawOrder.enumerated() { numbers[person] = k + 1 }
            lotteryNumber = numbers
            sessionIndex = Dictionary(instance.sessions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            for p in drawOrder {
                let person = instance.staff[p]
                let held = Set(person.heldSlots ?? [])
                var seen = Set<Int>()
                for (offset, id) in person.choices.enumerated() {
                    guard let s = sessionIndex[id], seen.insert(s).inserted else { continue }
                    if let slot = instance.sessions[s].slot, held.contains(slot) { continue }
                    choices.append(Choice(person: p, session: s, rank: offset + 1))
                    maxRank = max(maxRank, offset + 1)
                }
            }
            if instance.fairShare == true { schoolShare = Self.shares(instance, choices) }
        }

        /// Each school's cap on a session: its share of the people who chose it, of the places, rounded up.
        static func shares(_ instance: Instance, _ choices: [Choice]) -> [Int: [String: Int]] {
            var applicants: [Int: [String: Int]] = [:]
            for choice in choices {
                applicants[choice.session, default: [:]][instance.staff[choice.person].school ?? "", default: 0] += 1
            }
            return applicants.map { session, bySchool in
                let total = bySchool.values.reduce(0, +)
                let capacity = instance.sessions[session].capacity
                return (session, bySchool.mapValues { count in (capacity * count + total - 1) / total })
            }.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }

        /// How many of a session's places a school may take (all of them without fair share).
        func cap(session s: Int, school: String) -> Int {
            schoolShare[s]?[school] ?? instance.sessions[s].capacity
        }

        /// The chosen (person, session) pairs of a maximum flow using choices ranked at most `maxRank`,
        /// at least cost when `costs` (squared ranks), else any.
        func flow(maxRank: Int, costs: Bool) -> [Choice] {
            var network = MinCostFlow()
            let source = network.addNode(), sink = network.addNode()
            var personNode = [Int: Int]()
            var sessionNode = [Int: Int]()
            var gateNode = [String: Int]()
            for p in drawOrder {
                let node = network.addNode()
                personNode[p] = node
                network.addEdge(from: source, to: node, capacity: 1, cost: 0)
            }
            for (s, session) in instance.sessions.enumerated() {
                let node = network.addNode()
                sessionNode[s] = node
                network.addEdge(from: node, to: sink, capacity: session.capacity, cost: 0)
            }
            var edges: [(edge: Int, choice: Choice)] = []
            for choice in choices where choice.rank <= maxRank {
                var target = sessionNode[choice.session]!
                if instance.fairShare == true {
                    let school = instance.staff[choice.person].school ?? ""
                    let key = "\(choice.session)|\(school)"
                    if let gate = gateNode[key] {
                        target = gate
                    } else {
                        let gate = network.addNode()
                        network.addEdge(from: gate, to: target, capacity: cap(session: choice.session, school: school), cost: 0)
                        gateNode[key] = gate
                        target = gate
                    }
                }
                let edge = network.addEdge(
                    from: personNode[choice.person]!, to: target, capacity: 1,
                    cost: costs ? choice.rank * choice.rank : 0)
                edges.append((edge, choice))
            }
            _ = network.solve(from: source, to: sink)
            return edges.filter { network.flow(on: $0.edge) > 0 }.map(\.choice)
        }

        /// The result and every person's explanation for a set of taken choices.
        func result(taking taken: [Choice]) -> Result {
            var assigned: [String: String] = [:]
            var rankOf: [Int: Int] = [:]
            var load = [Int](repeating: 0, count: instance.sessions.count)
            var schoolLoad: [String: Int] = [:]
            for choice in taken {
                assigned[instance.staff[choice.person].id] = instance.sessions[choice.session].id
                rankOf[choice.person] = choice.rank
                load[choice.session] += 1
                schoolLoad["\(choice.session)|\(instance.staff[choice.person].school ?? "")", default: 0] += 1
            }
            var explanations: [Explanation] = []
            for (p, person) in instance.staff.enumerated() {
                let held = Set(person.heldSlots ?? [])
                var outcomes: [ChoiceOutcome] = []
                for (offset, id) in person.choices.enumerated() {
                    let rank = offset + 1
                    let reason: Reason
                    if let got = rankOf[p], rank == got {
                        reason = .assigned
                    } else if let got = rankOf[p], rank > got {
                        reason = .lowerThanAssigned
                    } else if let s = sessionIndex[id] {
                        let school = person.school ?? ""
                        if let slot = instance.sessions[s].slot, held.contains(slot) {
                            reason = .slotTaken(slot: slot)
                        } else if instance.fairShare == true, schoolLoad["\(s)|\(school)", default: 0] >= cap(session: s, school: school),
                            load[s] < instance.sessions[s].capacity
                        {
                            reason = .schoolShareReached(share: cap(session: s, school: school))
                        } else {
                            reason = .full
                        }
                    } else {
                        reason = .unknownSession
                    }
                    outcomes.append(ChoiceOutcome(session: id, rank: rank, reason: reason))
                }
                explanations.append(
                    Explanation(
                        person: person.id, lotteryNumber: lotteryNumber[p], assigned: assigned[person.id],
                        rank: rankOf[p], choices: outcomes))
            }
            let unassigned = instance.staff.map(\.id).filter { assigned[$0] == nil }
            return Result(
                assigned: assigned, unassigned: unassigned, worstRank: rankOf.values.max() ?? 0,
                sumSquaredRanks: rankOf.values.reduce(0) { $0 + $1 * $1 }, explanations: explanations)
        }
    }
}
