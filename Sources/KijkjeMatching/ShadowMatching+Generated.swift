extension ShadowMatching.Instance {
    /// A sparse instance for benchmarks and reference checks: each request is compatible with a handful of
    /// offers (scores 1 to 100), offers take 1 to 3 shadowers on one to four of four days.
    public static func generated(requests: Int, offers: Int, optionsPerRequest: Int = 8, seed: UInt64) -> ShadowMatching.Instance {
        var lottery = Lottery(seed: seed)
        let week = ["ma", "di", "wo", "do"]
        let offerList = (0..<offers).map { o in
            ShadowMatching.Offer(
                id: "o\(o)", capacity: Int.random(in: 1...3, using: &lottery),
                days: week.filter { _ in lottery.next() % 2 == 0 }.nilIfEmpty ?? [week[o % 4]])
        }
        let requestList = (0..<requests).map { r in
            var seen = Set<Int>()
            var options: [ShadowMatching.Option] = []
            while options.count < min(optionsPerRequest, offers) {
                let o = Int(lottery.next() % UInt64(offers))
                guard seen.insert(o).inserted else { continue }
                options.append(.init(offer: "o\(o)", score: Int(lottery.next() % 100) + 1))
            }
            return ShadowMatching.Request(id: "r\(r)", options: options)
        }
        return ShadowMatching.Instance(requests: requestList, offers: offerList, seed: seed)
    }
}

extension Array {
    var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}
