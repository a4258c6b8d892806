import Foundation
import Hub
import KijkjeDomain
import KijkjeTestSupport

/// A network of fixture schools made through the operations, as the benchmarks and the fault run start from.
struct BenchNetwork {
    let organiser: Organiser
    let schools: [Tenant]

    var id: UUID { organiser.networkId }

    static func make(_ operations: Operations, name: String, schools count: Int, at now: Date) async throws -> BenchNetwork {
        let network = try await operations.addNetwork(NetworkDraft(name: name), by: Operator(), at: now)
        let organiser = Organiser(networkId: network.id)
        var schools: [Tenant] = []
        // BRIN codes in a row from a random start, so a network's schools never share one (random codes did, now
        // and then, and the benchmark stopped on a duplicate).
        let start = Int.random(in: 0..<(90 * 676))
        for i in 0..<count {
            var school = Fixture.makeTenant("School \(i)")
            let code = (start + i) % (90 * 676)
            let letters = [code / 26 % 26, code % 26].map { String(UnicodeScalar(UInt8(65 + $0))) }.joined()
            school.brin = "\(10 + code / 676)\(letters)"
            schools.append(
                try await operations.addTenant(
                    TenantDraft(
                        name: school.name, brin: school.brin, town: school.town, latitude: school.latitude, longitude: school.longitude,
                        emailDomains: school.emailDomains, headCounts: school.headCounts), by: organiser, at: now))
        }
        return BenchNetwork(organiser: organiser, schools: schools)
    }
}
