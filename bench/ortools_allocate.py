#!/usr/bin/env python3
"""The reference for `kijkje-bench allocate`: the same lexicographic allocation with OR-Tools.

Reads an instance (the format of `kijkje-bench allocate --instance`), then: the largest number of people
placed (SimpleMaxFlow), the smallest worst rank that still places that many (SimpleMaxFlow per rank), and
the least sum of squared ranks among those (SimpleMinCostFlow). Prints one JSON line with the optimum and
the seconds spent building and solving (not reading the file). Fair share is not modelled here.
"""
import json
import sys
import time

import numpy as np
from ortools.graph.python import max_flow, min_cost_flow


def main():
    instance = json.load(open(sys.argv[1]))
    start = time.perf_counter()
    sessions = {s["id"]: i for i, s in enumerate(instance["sessions"])}
    staff = instance["staff"]
    n, m = len(staff), len(sessions)
    source, sink = 0, 1
    person_node = lambda p: 2 + p
    session_node = lambda s: 2 + n + s
    tails, heads, ranks = [], [], []
    for p, person in enumerate(staff):
        seen = set()
        for r, sid in enumerate(person["choices"]):
            s = sessions.get(sid)
            if s is None or s in seen:
                continue
            seen.add(s)
            tails.append(person_node(p)); heads.append(session_node(s)); ranks.append(r + 1)
    tails, heads, ranks = np.array(tails, dtype=np.int32), np.array(heads, dtype=np.int32), np.array(ranks, dtype=np.int64)
    fixed_t = np.concatenate([np.full(n, source), np.arange(m) + 2 + n]).astype(np.int32)
    fixed_h = np.concatenate([np.arange(n) + 2, np.full(m, sink)]).astype(np.int32)
    fixed_c = np.concatenate([np.ones(n), [s["capacity"] for s in instance["sessions"]]]).astype(np.int64)

    def placed(max_rank):
        keep = ranks <= max_rank
        smf = max_flow.SimpleMaxFlow()
        smf.add_arcs_with_capacity(np.concatenate([fixed_t, tails[keep]]), np.concatenate([fixed_h, heads[keep]]),
                                   np.concatenate([fixed_c, np.ones(keep.sum(), dtype=np.int64)]))
        assert smf.solve(source, sink) == smf.OPTIMAL
        return smf.optimal_flow()

    max_rank = int(ranks.max()) if len(ranks) else 0
    everyone = placed(max_rank) if max_rank else 0
    worst = next((k for k in range(1, max_rank + 1) if placed(k) == everyone), max_rank)
    keep = ranks <= worst
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([fixed_t, tails[keep]]), np.concatenate([fixed_h, heads[keep]]),
        np.concatenate([fixed_c, np.ones(keep.sum(), dtype=np.int64)]),
        np.concatenate([np.zeros(n + m, dtype=np.int64), ranks[keep] * ranks[keep]]))
    smcf.set_node_supply(source, everyone)
    smcf.set_node_supply(sink, -everyone)
    assert smcf.solve() == smcf.OPTIMAL
    seconds = time.perf_counter() - start
    print(json.dumps({"placed": everyone, "worst_rank": worst, "sum_squared_ranks": smcf.optimal_cost(), "seconds": seconds}))


main()
