import ArgumentParser
import Foundation

@main
struct KijkjeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kijkje-bench",
        abstract: "Kijkje's benchmarks: each prints medians and the ratio to its reference, measured in the same run.",
        discussion: "Run in release: swift run -c release kijkje-bench NAME.",
        subcommands: [
            Allocate.self, EnrolBurst.self, Match.self, PortalLoad.self, SyncInitial.self, SyncIdle.self, SyncLatency.self, Chaos.self,
        ])

}

/// Prints a line at once, unbuffered, so a long benchmark shows its progress in a file or pipe too.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
