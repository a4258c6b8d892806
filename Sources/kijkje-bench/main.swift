// Benchmarks arrive with the issues that own them; until then this program only lists them.
import Foundation

let usage = """
kijkje-bench: benchmarks, each printing medians and the ratio to a reference measured in the same run
(none built yet; run with: swift run -c release kijkje-bench NAME).

Planned:
  sync-initial, sync-idle, sync-latency    the agent sync protocol
  enrol-burst, allocate                    enrolment under load; ranked allocation against OR-Tools
  match                                    shadow matching against OR-Tools
"""
FileHandle.standardError.write(Data(usage.utf8))
exit(CommandLine.arguments.dropFirst().first.map { ["-h", "--help", "help"].contains($0) } == true ? 0 : 64)
