import ArgumentParser
import Foundation

@main
struct KijkjeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kijkje-bench",
        abstract: "Kijkje's benchmarks: each prints medians and the ratio to its reference, measured in the same run.",
        discussion: "Run in release: swift run -c release kijkje-bench NAME. Not built yet: sync-initial, sync-idle, sync-latency (agent issue), enrol-burst (enrolment issue), match (matching issue).",
        subcommands: [Allocate.self])
}
