// The school agent is built in the agent-and-sync issue. Until then this program only says what it will do;
// it does nothing it does not do for real.
import Foundation

let usage = """
kijkje-agent: the school's agent (not built yet; see the issue "School agent and sync protocol").

Planned commands:
  join --hub URL --code CODE [--ca-cert FILE] [--dir DIR]   exchange an invitation for the agent's credential
  workshop add|edit|withdraw|list                          the school's own workshops, also offline
  offer add|edit|withdraw|list                             the school's shadow offers
  staff import FILE.csv                                    the HR export (stays at the school)
  enrol EMAIL SESSION                                      enrol a colleague
  absences --edition YEAR [--csv]                          who is away when, for cover planning
  status | sync | run                                      sync state, one round, or the daemon
"""
FileHandle.standardError.write(Data(usage.utf8))
exit(CommandLine.arguments.dropFirst().first.map { ["-h", "--help", "help"].contains($0) } == true ? 0 : 64)
