#!/usr/bin/env python3
"""The reference for `kijkje-bench allocate`: the same lexicographic allocation with OR-Tools.

Reads an instance (the format of `kijkje-bench allocate --instance`), then: the largest number of people
placed (SimpleMaxFlow), the smallest worst rank that still places that many (SimpleMaxFlow per rank), and
the least sum of squared ranks among those (SimpleMinCostFlow). Held slots and fair share are modelled as
Kijkje models them (a choice in a held slot is left out; under fair share each school reaches a session
through a gate of its share, rounded up). Prints one JSON line with the optimum and the seconds spent
building and solving (not reading the file).
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
    slot_of = [s.get("slot") for s in instance["sessions"]]
    capacity = [s["capacity"] for s in instance["sessions"]]
    staff = instance["staff"]
    fair = instance.get("fairShare") is True
    n, m = len(staff), len(sessions)
    source, sink = 0, 1
    person_node = lambda p: 2 + p
    session_node = lambda s: 2 + n + s
    people, targets, ranks = [], [], []
    for p, person in enumerate(staff):
        seen = set()
        held = set(person.get("heldSlots") or [])
        for r, sid in enumerate(person["choices"]):
            s = sessions.get(sid)
            if s is None or s in seen:
                continue
            seen.add(s)
            if slot_of[s] is not None and slot_of[s] in held:
                continue
            people.append(p); targets.append(s); ranks.append(r + 1)
    fixed_t = list(np.full(n, source)) + list(np.arange(m) + 2 + n)
    fixed_h = list(np.arange(n) + 2) + list(np.full(m, sink))
    fixed_c = [1] * n + capacity
    heads = [session_node(s) for s in targets]
    if fair:
        applicants, total = {}, [0] * m
        for p, s in zip(people, targets):
            key = (s, staff[p].get("school") or "")
            applicants[key] = applicants.get(key, 0) + 1
            total[s] += 1
        gate = {}
        for key, count in applicants.items():
            gate[key] = 2 + n + m + len(gate)
            fixed_t.append(gate[key]); fixed_h.append(session_node(key[0]))
            fixed_c.append((capacity[key[0]] * count + total[key[0]] - 1) // total[key[0]])
        heads = [gate[(s, staff[p].get("school") or "")] for p, s in zip(people, targets)]
    tails = np.array([person_node(p) for p in people], dtype=np.int32)
    heads, ranks = np.array(heads, dtype=np.int32), np.array(ranks, dtype=np.int64)
    fixed_t, fixed_h, fixed_c = np.array(fixed_t, dtype=np.int32), np.array(fixed_h, dtype=np.int32), np.array(fixed_c, dtype=np.int64)

    def placed(max_rank):
        keep = ranks <= max_rank
        smf = max_flow.SimpleMaxFlow()
        smf.add_arcs_with_capacity(np.concatenate([fixed_t, tails[keep]]), np.concatenate([fixed_h, heads[keep]]),
                                   np.concatenate([fixed_c, np.ones(keep.sum(), dtype=np.int64)]))
        assert smf.solve(source, sink) == smf.OPTIMAL
        return smf.optimal_flow()

    max_rank = int(ranks.max()) if len(ranks) else 0
    everyone = placed(max_rank) if max_rank else 0
    worst = next((k for k in range(1, max_rank + 1) if placed(k) == everyone), max_rank) if everyone else 0
    keep = ranks <= worst
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([fixed_t, tails[keep]]), np.concatenate([fixed_h, heads[keep]]),
        np.concatenate([fixed_c, np.ones(keep.sum(), dtype=np.int64)]),
        np.concatenate([np.zeros(len(fixed_t), dtype=np.int64), ranks[keep] * ranks[keep]]))
    smcf.set_node_supply(source, everyone)
    smcf.set_node_supply(sink, -everyone)
    assert smcf.solve() == smcf.OPTIMAL
    seconds = time.perf_counter() - start
    print(json.dumps({"placed": everyone, "worst_rank": worst, "sum_squared_ranks": smcf.optimal_cost(), "seconds": seconds}))


main()
