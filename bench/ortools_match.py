#!/usr/bin/env python3
"""The reference for `kijkje-bench match`: the same many-to-one matching with OR-Tools.

Reads an instance (the format of `kijkje-bench match --instance`): requests with compatible offers, scores
and optional days; offers with a capacity per day. Builds source -> request (1) -> (offer, day) -> sink with
cost top - score and solves the maximum flow of least cost (SimpleMinCostFlow). Prints one JSON line: matched,
total_score and the seconds spent building and solving. Pins and forbidden pairs are not modelled here.
"""
import json
import sys
import time

import numpy as np
from ortools.graph.python import min_cost_flow


def main():
    instance = json.load(open(sys.argv[1]))
    start = time.perf_counter()
    offers = instance["offers"]
    requests = instance["requests"]
    slot = {}
    tails, heads, caps, costs, scores = [], [], [], [], []
    next_node = 2
    for offer in offers:
        for day in (offer.get("days") or [""]):
            slot[(offer["id"], day)] = next_node
            tails.append(next_node); heads.append(1); caps.append(offer["capacity"]); costs.append(0); scores.append(0)
            next_node += 1
    offer_days = {o["id"]: (o.get("days") or [""]) for o in offers}
    top = max((opt["score"] for r in requests for opt in r["options"]), default=0) + 1
    for request in requests:
        node = next_node
        next_node += 1
        tails.append(0); heads.append(node); caps.append(1); costs.append(0); scores.append(0)
        for option in request["options"]:
            wanted = option.get("days")
            for day in offer_days.get(option["offer"], []):
                if wanted is not None and day not in wanted and day != "":
                    continue
                tails.append(node); heads.append(slot[(option["offer"], day)]); caps.append(1)
                costs.append(top - option["score"]); scores.append(option["score"])
    smcf = min_cost_flow.SimpleMinCostFlow()
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(np.array(tails), np.array(heads), np.array(caps), np.array(costs))
    # Supplies bound the flow: every request could be matched.
    smcf.set_node_supply(0, len(requests))
    smcf.set_node_supply(1, -len(requests))
    assert smcf.solve_max_flow_with_min_cost() == smcf.OPTIMAL
    flows = smcf.flows(arcs)
    scores = np.array(scores)
    request_arcs = (np.array(tails) >= 2) & (np.array(costs) > 0)
    matched = int(flows[request_arcs].sum())
    total = int((flows * scores)[request_arcs].sum())
    seconds = time.perf_counter() - start
    print(json.dumps({"matched": matched, "total_score": total, "seconds": seconds}))


main()
