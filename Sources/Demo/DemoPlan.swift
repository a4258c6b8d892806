import Foundation
import KijkjeDomain
import KijkjeMatching
import KijkjeSync

/// The demo network, generated from a seed: the schools with their staff lists, what they offer, and what each
/// participant wants. Pure: the same seed and sizes give the same plan.
public struct DemoPlan: Sendable {
    public struct School: Sendable {
        public var name: String
        public var brin: String
        public var town: String
        public var latitude: Double
        public var longitude: Double
        public var domain: String
        public var kind: MembershipKind
        public var type: SchoolType
        /// The HR export's rows; the list stays with the school's agent.
        public var staff: [StaffMember]
    }

    public struct Workshop: Sendable {
        public var school: Int
        public var title: String
        public var topics: [String]
        public var presenter: String
        public var location: String
        public var day: Int
        public var slot: Int
        public var capacity: Int
        public var visibility: Visibility
    }

    public struct Offer: Sendable {
        public var school: Int
        public var host: StaffMember
        public var days: [Int]
        public var capacity: Int
        public var visibility: Visibility
    }

    public struct ShadowWish: Sendable {
        public var roles: [Role]
        public var schoolTypes: [SchoolType]
        public var maxDistanceKm: Int?
        public var days: [Int]
        public var motivation: String
    }

    public struct Participant: Sendable {
        public var school: Int
        public var member: StaffMember
        /// Workshops ranked during the ranked window (indices into `workshops`), best first.
        public var ranked: [Int]
        /// Workshops enrolled in directly once the allocation has run (first come, first served).
        public var direct: [Int]
        public var kickoff: Bool
        public var shadow: ShadowWish?
    }

    /// Start and end of each day's time slots, in the network's time zone; the kickoff takes day one's first.
    public static let slots = [(9, 0, 10, 30), (11, 0, 12, 30), (13, 30, 15, 0), (15, 30, 17, 0)]

    public var days: [Day]
    public var schools: [School]
    public var workshops: [Workshop]
    public var offers: [Offer]
    public var participants: [Participant]
    public var kickoffCapacity: Int

    public var memberCount: Int { schools.filter { $0.kind == .member }.count }
    public var shadowRequestCount: Int { participants.filter { $0.shadow != nil }.count }

    /// A network of `schools` member schools with `staff` staff between them, two guests per 35 schools (at least
    /// one), about 30 workshops, 250 shadow offers, 500 participants and 200 shadow requests per 35 schools and
    /// 7,000 staff.
    public static func make(seed: UInt64, schools memberCount: Int, staff: Int) -> DemoPlan {
        var random = DemoRandom(seed: seed)
        let days = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19"].compactMap(Day.init)
        var plan = DemoPlan(days: days, schools: [], workshops: [], offers: [], participants: [], kickoffCapacity: 0)
        plan.schools = makeSchools(memberCount, staff: staff, &random)
        let members = Array(0..<memberCount)

        let workshopCount = max(1, Int((Double(memberCount) * 30 / 35).rounded()))
        for index in 0..<workshopCount {
            let school = members[random.below(members.count)]
            let base = DemoNames.workshops[index % DemoNames.workshops.count]
            let round = index / DemoNames.workshops.count
            let day = random.below(days.count)
            plan.workshops.append(
                Workshop(
                    school: school, title: round == 0 ? base.title : "\(base.title) (\(round + 1))", topics: base.topics,
                    presenter: plan.schools[school].staff[random.below(plan.schools[school].staff.count)].name,
                    location: "Lokaal \(1 + random.below(3)).\(10 + random.below(30))", day: day,
                    slot: day == 0 ? 1 + random.below(3) : random.below(4), capacity: 12 + random.below(13),
                    visibility: random.chance(0.4) ? .all : .network))
        }

        let offerCount = Int((Double(memberCount) * 250 / 35).rounded())
        let hostRoles: [(Role, Double)] = [
            (.teacher, 0.55), (.supportStaff, 0.2), (.teamLeader, 0.13), (.principal, 0.09), (.boardMember, 0.03),
        ]
        for _ in 0..<offerCount {
            let school = random.below(plan.schools.count)
            let role = random.weighted(hostRoles)
            let candidates = plan.schools[school].staff.filter { $0.role == role.rawValue }
            let pool = candidates.isEmpty ? plan.schools[school].staff : candidates
            let guest = plan.schools[school].kind == .guest
            plan.offers.append(
                Offer(
                    school: school, host: pool[random.below(pool.count)], days: random.subset(of: days.count, 1...2),
                    capacity: random.chance(0.9) ? 1 : 2, visibility: guest || random.chance(0.3) ? .all : .network))
        }

        let popularity = (0..<workshopCount).map { _ in 1 / pow(Double(random.below(workshopCount) + 1), 0.8) }
        let wishedRoles: [(Role, Double)] = [
            (.principal, 0.4), (.teamLeader, 0.3), (.boardMember, 0.1), (.teacher, 0.1), (.supportStaff, 0.1),
        ]
        for (index, school) in plan.schools.enumerated() {
            let count = max(1, Int((Double(school.staff.count) * 500 / 7000).rounded()))
            let visible = (0..<workshopCount).filter { school.kind == .member || plan.workshops[$0].visibility == .all }
            for position in random.subset(of: school.staff.count, count...count) {
                let member = school.staff[position]
                let ranked = random.chance(0.6) ? random.draw(3, from: visible, weights: popularity) : []
                let direct = random.draw(random.below(3), from: visible.filter { !ranked.contains($0) }, weights: popularity)
                var wish: ShadowWish?
                if random.chance(0.4) {
                    var roles = [random.weighted(wishedRoles)]
                    if random.chance(0.2) { roles.append(random.weighted(wishedRoles)) }
                    let types: [SchoolType] = random.chance(0.4) ? [school.type == .vmbo ? .havoVwo : .vmbo] : []
                    wish = ShadowWish(
                        roles: Array(Set(roles)).sorted { $0.rawValue < $1.rawValue }, schoolTypes: types,
                        maxDistanceKm: random.chance(0.4) ? nil : 15 + random.below(26),
                        days: random.subset(of: days.count, 1...3),
                        motivation: DemoNames.motivations[random.below(DemoNames.motivations.count)])
                }
                plan.participants.append(
                    Participant(
                        school: index, member: member, ranked: ranked, direct: direct,
                        kickoff: random.chance(0.85), shadow: wish))
            }
        }
        plan.kickoffCapacity = max(1, Int(Double(plan.participants.count) * 0.8))
        return plan
    }

    /// Member schools in the towns (bigger towns first and more than once), then the guests; staff per school
    /// varies around the average, and each list holds every role.
    static func makeSchools(_ memberCount: Int, staff: Int, _ random: inout DemoRandom) -> [School] {
        let places = DemoNames.towns.flatMap { town in Array(repeating: town, count: town.size) }
        var schools: [School] = []
        var brins = Set<String>(), domains = Set<String>()
        let guestCount = max(1, (memberCount * 2 + 34) / 35)
        let weights = (0..<memberCount).map { _ in 0.5 + Double(random.below(1000)) / 1000 }
        let total = weights.reduce(0, +)
        for index in 0..<(memberCount + guestCount) {
            let member = index < memberCount
            let town = places[index % places.count]
            let name: String, type: SchoolType
            if member {
                let pattern = DemoNames.schools[index % DemoNames.schools.count]
                let round = index / DemoNames.schools.count
                name = (pattern.withTown || round > 0 ? "\(pattern.name) \(town.name)" : pattern.name) + (round > 1 ? " \(round)" : "")
                type = pattern.type
            } else {
                let pattern = DemoNames.guests[(index - memberCount) % DemoNames.guests.count]
                let round = (index - memberCount) / DemoNames.guests.count
                name = round == 0 ? pattern.name : "\(pattern.name) \(round + 1)"
                type = pattern.type
            }
            var brin: String
            repeat {
                var letters = ""
                for _ in 0..<2 { letters.append(Character(UnicodeScalar(UInt8(65 + random.below(26))))) }
                brin = String(format: "%02d", 10 + random.below(90)) + letters
            } while !brins.insert(brin).inserted
            var domain = DemoNames.slug(name) + ".nl"
            if !domains.insert(domain).inserted { domain = DemoNames.slug(name) + "-\(brin.lowercased()).nl"; domains.insert(domain) }
            let size = member ? max(8, Int((Double(staff) * weights[index] / total).rounded())) : max(8, staff / max(1, memberCount) / 2)
            schools.append(
                School(
                    name: name, brin: brin, town: town.name,
                    latitude: town.latitude + Double(random.below(200) - 100) / 10_000,
                    longitude: town.longitude + Double(random.below(200) - 100) / 10_000,
                    domain: domain, kind: member ? .member : .guest, type: type, staff: makeStaff(size, domain: domain, &random)))
        }
        return schools
    }

    /// The school's HR export as its administrator gets it: semicolons, Dutch column names and role words.
    public static func staffCSV(_ staff: [StaffMember]) -> String {
        let words = Dictionary(DemoNames.roles.map { ($0.role.rawValue, $0.word) }, uniquingKeysWith: { first, _ in first })
        let lines = staff.map { "\($0.name);\($0.email);\(words[$0.role] ?? $0.role);\($0.subjects.joined(separator: "|"))" }
        return (["naam;e-mail;functie;vakken"] + lines).joined(separator: "\r\n") + "\r\n"
    }

    /// A staff list with every role at least once and the rest by the usual shares.
    static func makeStaff(_ count: Int, domain: String, _ random: inout DemoRandom) -> [StaffMember] {
        var taken = Set<String>()
        let shares = DemoNames.roles.map { ($0.role, $0.share) }
        return (0..<count).map { index in
            let first = DemoNames.firstNames[random.below(DemoNames.firstNames.count)]
            let last = DemoNames.lastNames[random.below(DemoNames.lastNames.count)]
            var local = "\(DemoNames.slug(first)).\(DemoNames.slug(last))", n = 1
            while !taken.insert(local).inserted { n += 1; local = "\(DemoNames.slug(first)).\(DemoNames.slug(last))\(n)" }
            let role = index < DemoNames.roles.count ? DemoNames.roles[index].role : random.weighted(shares)
            let subjects = role == .teacher ? random.subset(of: DemoNames.subjects.count, 1...2).map { DemoNames.subjects[$0] } : []
            return StaffMember(name: "\(first) \(last)", email: "\(local)@\(domain)", role: role.rawValue, subjects: subjects)
        }
    }
}

/// The plan's dice: the seeded lottery generator, with the few draws the plan needs written out so that no
/// library's algorithm can change a plan.
struct DemoRandom {
    var generator: Lottery

    init(seed: UInt64) { generator = Lottery(seed: seed) }

    mutating func below(_ bound: Int) -> Int { Int(generator.next() % UInt64(max(1, bound))) }

    mutating func chance(_ p: Double) -> Bool { Double(generator.next() % 1_000_000) < p * 1_000_000 }

    mutating func weighted<T>(_ choices: [(T, Double)]) -> T {
        var point = Double(generator.next() % 1_000_000) / 1_000_000 * choices.reduce(0) { $0 + $1.1 }
        for (value, weight) in choices {
            point -= weight
            if point < 0 { return value }
        }
        return choices[choices.count - 1].0
    }

    /// `size` distinct indices below `count`, in drawn order (`size` from the range, at most `count`).
    mutating func subset(of count: Int, _ size: ClosedRange<Int>) -> [Int] {
        let wanted = min(count, size.lowerBound + below(size.count))
        var pool = Array(0..<count), picked: [Int] = []
        for _ in 0..<wanted { picked.append(pool.remove(at: below(pool.count))) }
        return picked.sorted()
    }

    /// Up to `size` distinct values of `from`, each drawn with its weight.
    mutating func draw(_ size: Int, from values: [Int], weights: [Double]) -> [Int] {
        var pool = values, picked: [Int] = []
        while picked.count < size && !pool.isEmpty {
            let choice = weighted(pool.enumerated().map { ($0.offset, weights[$0.element]) })
            picked.append(pool.remove(at: choice))
        }
        return picked
    }
}
