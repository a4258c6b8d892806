import KijkjeMatching
import Testing

@Suite("Shadow matching")
struct ShadowMatchingTests {
    @Test("random small instances reach the brute-force optimum (most matches, then most score)", arguments: 0..<120)
    func matchesBruteForce(seed: Int) {
        let instance = Self.randomInstance(seed: UInt64(seed))
        let result = ShadowMatching.solve(instance)
        let best = Self.bruteForce(instance)
        #expect(result.pairs.count == best.count)
        #expect(result.totalScore == best.score)
        #expect(Self.isFeasible(result.pairs, instance))
    }

    @Test("pins are kept, forbidden pairs never made, and the same seed gives the same matching")
    func pinsAndForbidden() {
        let instance = ShadowMatching.Instance(
            requests: [
                .init(
                    id: "anna",
                    options: [.init(offer: "directeur", score: 90, days: ["di"]), .init(offer: "bestuur", score: 40, days: ["di"])]),
                .init(id: "bram", options: [.init(offer: "directeur", score: 80, days: ["di", "wo"])]),
            ],
            offers: [.init(id: "directeur", capacity: 1, days: ["di", "wo"]), .init(id: "bestuur", capacity: 1, days: ["di"])],
            seed: 3,
            fixed: [.init(request: "bram", offer: "directeur", day: "di")],
            forbidden: [.init(request: "anna", offer: "bestuur")])
        let result = ShadowMatching.solve(instance)
        #expect(result.pairs.contains { $0.request == "bram" && $0.offer == "directeur" && $0.day == "di" && $0.fixed })
        // Anna can still have the director on Wednesday? No: she only wishes Tuesday, which the pin took.
        #expect(result.unmatched == ["anna"])
        #expect(ShadowMatching.solve(instance) == result)
    }

    @Test("a host's capacity holds per day")
    func capacityPerDay() {
        let requests = (0..<5).map { ShadowMatching.Request(id: "r\($0)", options: [.init(offer: "o", score: 10)]) }
        let result = ShadowMatching.solve(.init(requests: requests, offers: [.init(id: "o", capacity: 2, days: ["di", "wo"])]))
        #expect(result.pairs.count == 4)
        #expect(result.pairs.filter { $0.day == "di" }.count == 2)
        #expect(result.unmatched.count == 1)
    }

    static func randomInstance(seed: UInt64) -> ShadowMatching.Instance {
        var lottery = Lottery(seed: seed &* 104_729 &+ 3)
        let allDays = ["di", "wo"]
        let offers = (0..<Int.random(in: 1...3, using: &lottery)).map { o in
            ShadowMatching.Offer(
                id: "o\(o)", capacity: Int.random(in: 1...2, using: &lottery),
                days: Bool.random(using: &lottery) ? allDays : [allDays.randomElement(using: &lottery)!])
        }
        let requests = (0..<Int.random(in: 1...6, using: &lottery)).map { r in
            ShadowMatching.Request(
                id: "r\(r)",
                options: offers.filter { _ in Bool.random(using: &lottery) }.map { offer in
                    .init(
                        offer: offer.id, score: Int.random(in: 1...9, using: &lottery),
                        days: Bool.random(using: &lottery) ? nil : [allDays.randomElement(using: &lottery)!])
                })
        }
        return ShadowMatching.Instance(requests: requests, offers: offers, seed: seed)
    }

    /// The pins placed as the solver places them (on their day, or the first of the offer's days with room),
    /// then every other request takes one of its allowed (offer, day) options or none; the best feasible by
    /// (count, score), pins included.
    static func bruteForce(_ instance: ShadowMatching.Instance) -> (count: Int, score: Int) {
        var left: [String: Int] = [:]
        for offer in instance.offers { for day in offer.days ?? [""] { left["\(offer.id)|\(day)"] = offer.capacity } }
        var pinned: [String] = []
        var pinnedScore = 0
        for pin in instance.fixed ?? [] where !pinned.contains(pin.request) {
            guard let offer = instance.offers.first(where: { $0.id == pin.offer }) else { continue }
            guard let day = (pin.day.map { [$0] } ?? offer.days ?? [""]).first(where: { left["\(offer.id)|\($0)", default: 0] > 0 }) else {
                continue
            }
            left["\(offer.id)|\(day)", default: 0] -= 1
            pinned.append(pin.request)
            pinnedScore += instance.requests.first { $0.id == pin.request }?.options.first { $0.offer == pin.offer }?.score ?? 0
        }
        let forbidden = Set((instance.forbidden ?? []).map { "\($0.request)|\($0.offer)" })
        var choices: [[(slot: String, score: Int)?]] = []
        for request in instance.requests where !pinned.contains(request.id) {
            var list: [(slot: String, score: Int)?] = [nil]
            for option in request.options where !forbidden.contains("\(request.id)|\(option.offer)") {
                let offer = instance.offers.first { $0.id == option.offer }!
                for day in offer.days ?? [""] where option.days?.contains(day) ?? true {
                    list.append(("\(option.offer)|\(day)", option.score))
                }
            }
            choices.append(list)
        }
        var best = (count: 0, score: 0)
        var pick: [(slot: String, score: Int)?] = []
        func visit(_ i: Int) {
            if i == choices.count {
                var load: [String: Int] = [:]
                for chosen in pick.compactMap({ $0 }) { load[chosen.slot, default: 0] += 1 }
                for (slot, n) in load where n > left[slot, default: 0] { return }
                let count = pick.compactMap { $0 }.count, score = pick.compactMap { $0?.score }.reduce(0, +)
                if (count, score) > (best.count, best.score) { best = (count, score) }
                return
            }
            for option in choices[i] {
                pick.append(option)
                visit(i + 1)
                pick.removeLast()
            }
        }
        visit(0)
        return (best.count + pinned.count, best.score + pinnedScore)
    }

    static func isFeasible(_ pairs: [ShadowMatching.Pair], _ instance: ShadowMatching.Instance) -> Bool {
        var load: [String: Int] = [:]
        for pair in pairs {
            guard let request = instance.requests.first(where: { $0.id == pair.request }),
                let option = request.options.first(where: { $0.offer == pair.offer }),
                let offer = instance.offers.first(where: { $0.id == pair.offer })
            else { return false }
            if let day = pair.day, !(option.days?.contains(day) ?? true) || !(offer.days?.contains(day) ?? false) { return false }
            load["\(pair.offer)|\(pair.day ?? "")", default: 0] += 1
            if load["\(pair.offer)|\(pair.day ?? "")"]! > offer.capacity { return false }
        }
        return Set(pairs.map(\.request)).count == pairs.count
    }
}
