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

    /// Every request takes one of its (offer, day) options or none; the best feasible by (count, score).
    static func bruteForce(_ instance: ShadowMatching.Instance) -> (count: Int, score: Int) {
        var choices: [[(offer: String, day: String, score: Int)?]] = []
        for request in instance.requests {
            var list: [(offer: String, day: String, score: Int)?] = [nil]
            for option in request.options {
                let offer = instance.offers.first { $0.id == option.offer }!
                for day in offer.days ?? [""] where option.days?.contains(day) ?? true {
                    list.append((option.offer, day, option.score))
                }
            }
            choices.append(list)
        }
        var best = (count: 0, score: 0)
        var pick: [(offer: String, day: String, score: Int)?] = []
        func visit(_ i: Int) {
            if i == choices.count {
                var load: [String: Int] = [:]
                for chosen in pick.compactMap({ $0 }) { load["\(chosen.offer)|\(chosen.day)", default: 0] += 1 }
                for (key, n) in load where n > instance.offers.first(where: { $0.id == key.split(separator: "|")[0] })!.capacity { return }
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
        return best
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
