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
        return model.result(taking: model.choices.isEmpty ? [] : model.optimum())
    }

    /// The flow network of an instance: source → person (1) → (session, school) when fair → session (capacity)
    /// → sink, every node and arc an integer. People are numbered in lottery order.
    struct Model {
        struct Choice { var person: Int; var session: Int; var rank: Int }

        let instance: Instance
        let lotteryNumber: [Int]
        let drawOrder: [Int]
        let sessionIndex: [String: Int]
        /// Each person's choices as session indices (−1: no such session), flat, from `choiceStart[p]`.
        var choiceSession: [Int32] = []
        var choiceStart: [Int] = [0]
        /// Each person's school as a small integer.
        var schoolOf: [Int] = []
        var schoolCount = 0
        /// Admissible choices, in lottery order of their people and rank order within a person.
        var choices: [Choice] = []
        /// Each (session, school)'s cap under fair share, keyed `session × schoolCount + school`.
        var schoolShare: [Int: Int] = [:]
        var maxRank = 0

        init(_ instance: Instance) {
            self.instance = instance
            drawOrder = Lottery.draw(instance.staff.count, seed: instance.seed)
            var numbers = [Int](repeating: 0, count: instance.staff.count)
            for (k, person) in drawOrder.enumerated() { numbers[person] = k + 1 }
            lotteryNumber = numbers
            sessionIndex = Dictionary(instance.sessions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            var schools: [String: Int] = [:]
            for person in instance.staff {
                for id in person.choices { choiceSession.append(Int32(sessionIndex[id] ?? -1)) }
                choiceStart.append(choiceSession.count)
                let school = person.school ?? ""
                if let known = schools[school] {
                    schoolOf.append(known)
                } else {
                    schools[school] = schools.count
                    schoolOf.append(schools.count - 1)
                }
            }
            schoolCount = schools.count
            choices.reserveCapacity(choiceSession.count)
            for p in drawOrder {
                let held = instance.staff[p].heldSlots ?? []
                for i in choiceStart[p]..<choiceStart[p + 1] {
                    let s = Int(choiceSession[i])
                    guard s >= 0, !choiceSession[choiceStart[p]..<i].contains(Int32(s)) else { continue }
                    if !held.isEmpty, let slot = instance.sessions[s].slot, held.contains(slot) { continue }
                    let rank = i - choiceStart[p] + 1
                    choices.append(Choice(person: p, session: s, rank: rank))
                    maxRank = max(maxRank, rank)
                }
            }
            if instance.fairShare == true { schoolShare = shares() }
        }

        /// Each school's cap on a session: its share of the people who chose it, of the places, rounded up.
        func shares() -> [Int: Int] {
            var applicants: [Int: Int] = [:]
            var total = [Int](repeating: 0, count: instance.sessions.count)
            for choice in choices {
                applicants[choice.session * schoolCount + schoolOf[choice.person], default: 0] += 1
                total[choice.session] += 1
            }
            return applicants.reduce(into: [:]) { shares, entry in
                let s = entry.key / schoolCount
                shares[entry.key] = (instance.sessions[s].capacity * entry.value + total[s] - 1) / total[s]
            }
        }

        /// How many of a session's places a school may take (all of them without fair share).
        func cap(session s: Int, school: Int) -> Int {
            schoolShare[s * schoolCount + school] ?? instance.sessions[s].capacity
        }

        /// The chosen choices of the lexicographic optimum. One maximum flow lets the ranks in one by one (each
        /// tier goes on from the flow of the one before), which gives the most people placed and the best worst
        /// rank together; then cost scaling on the flow at that rank, with costs the squared ranks.
        func optimum() -> [Choice] {
            var edges = FlowEdges()
            edges.reserve(edges: choices.count + instance.staff.count + instance.sessions.count)
            let source = edges.addNodes(1), sink = edges.addNodes(1)
            let personBase = edges.addNodes(instance.staff.count)
            let sessionBase = edges.addNodes(instance.sessions.count)
            var personNode = [Int](repeating: 0, count: instance.staff.count)
            for (k, p) in drawOrder.enumerated() {
                personNode[p] = personBase + k
                edges.addEdge(from: source, to: personBase + k, capacity: 1, cost: 0)
            }
            for (s, session) in instance.sessions.enumerated() {
                edges.addEdge(from: sessionBase + s, to: sink, capacity: session.capacity, cost: 0)
            }
            var gate: [Int: Int] = [:]
            var choiceEdge: [Int] = []
            choiceEdge.reserveCapacity(choices.count)
            for choice in choices {
                var target = sessionBase + choice.session
                if instance.fairShare == true {
                    let key = choice.session * schoolCount + schoolOf[choice.person]
                    if let known = gate[key] {
                        target = known
                    } else {
                        let node = edges.addNodes(1)
                        edges.addEdge(
                            from: node, to: target, capacity: cap(session: choice.session, school: schoolOf[choice.person]), cost: 0)
                        gate[key] = node
                        target = node
                    }
                }
                choiceEdge.append(
                    edges.addEdge(
                        from: personNode[choice.person], to: target, capacity: 1, cost: choice.rank * choice.rank, tier: choice.rank))
            }
            let network = ResidualNetwork(edges)
            var placed = 0, worst = 0
            var saved: [Int] = []
            for rank in 1...maxRank {
                let more = network.augment(from: source, to: sink, maxTier: Int32(rank))
                guard more > 0 else { continue }
                placed += more
                worst = rank
                if rank < maxRank { network.saveFlow(into: &saved) }
            }
            guard placed > 0 else { return [] }
            var final = (network: network, index: Array(0..<edges.edgeCount))
            if worst < maxRank {
                network.restore(saved)
                final = network.restricted(edges, toTier: Int32(worst))
            }
            final.network.minimizeCost()
            return choices.indices.filter {
                let e = final.index[choiceEdge[$0]]
                return e >= 0 && final.network.flow(onEdge: e) > 0
            }.map { choices[$0] }
        }

        /// The result and every person's explanation for a set of taken choices.
        func result(taking taken: [Choice]) -> Result {
            var assigned: [String: String] = [:]
            assigned.reserveCapacity(taken.count)
            var rankOf = [Int](repeating: 0, count: instance.staff.count)
            var load = [Int](repeating: 0, count: instance.sessions.count)
            var schoolLoad: [Int: Int] = [:]
            for choice in taken {
                assigned[instance.staff[choice.person].id] = instance.sessions[choice.session].id
                rankOf[choice.person] = choice.rank
                load[choice.session] += 1
                if instance.fairShare == true { schoolLoad[choice.session * schoolCount + schoolOf[choice.person], default: 0] += 1 }
            }
            var explanations: [Explanation] = []
            explanations.reserveCapacity(instance.staff.count)
            var unassigned: [String] = []
            for (p, person) in instance.staff.enumerated() {
                let held = person.heldSlots ?? []
                let got = rankOf[p]
                var outcomes: [ChoiceOutcome] = []
                outcomes.reserveCapacity(person.choices.count)
                for (offset, id) in person.choices.enumerated() {
                    let rank = offset + 1
                    let s = Int(choiceSession[choiceStart[p] + offset])
                    let reason: Reason
                    if got > 0, rank == got {
                        reason = .assigned
                    } else if got > 0, rank > got {
                        reason = .lowerThanAssigned
                    } else if s >= 0 {
                        let school = schoolOf[p]
                        if !held.isEmpty, let slot = instance.sessions[s].slot, held.contains(slot) {
                            reason = .slotTaken(slot: slot)
                        } else if instance.fairShare == true,
                            schoolLoad[s * schoolCount + school, default: 0] >= cap(session: s, school: school),
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
                if got == 0 { unassigned.append(person.id) }
                explanations.append(
                    Explanation(
                        person: person.id, lotteryNumber: lotteryNumber[p], assigned: got > 0 ? assigned[person.id] : nil,
                        rank: got > 0 ? got : nil, choices: outcomes))
            }
            return Result(
                assigned: assigned, unassigned: unassigned, worstRank: rankOf.max() ?? 0,
                sumSquaredRanks: rankOf.reduce(0) { $0 + $1 * $1 }, explanations: explanations)
        }
    }
}
