#!/usr/bin/env python3
"""The reference for `kijkje-bench match`: the same many-to-one matching with OR-Tools.

Reads an instance (the format of `kijkje-bench match --instance`): requests with compatible offers, scores
and optional days; offers with a capacity per day; pins and forbidden pairs. Places the pins first as Kijkje
does (on their day, or the first of the offer's days with room), then builds source -> request (1) ->
(offer, day) -> sink with cost top - score, leaving out forbidden pairs, and solves the maximum flow of least
cost (SimpleMinCostFlow). Prints one JSON line: matched, total_score and the seconds spent building and
solving.
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
    offer_days = {o["id"]: (o.get("days") or [""]) for o in offers}
    left = {(o["id"], day): o["capacity"] for o in offers for day in offer_days[o["id"]]}
    score_of = {r["id"]: {opt["offer"]: opt["score"] for opt in reversed(r["options"])} for r in requests}
    placed, fixed_score = set(), 0
    for pin in instance.get("fixed") or []:
        if pin["request"] in placed or pin["offer"] not in offer_days:
            continue
        days = [pin["day"]] if pin.get("day") is not None else offer_days[pin["offer"]]
        day = next((d for d in days if left.get((pin["offer"], d), 0) > 0), None)
        if day is None:
            continue
        left[(pin["offer"], day)] -= 1
        placed.add(pin["request"])
        fixed_score += score_of.get(pin["request"], {}).get(pin["offer"], 0)
    forbidden = {(f["request"], f["offer"]) for f in instance.get("forbidden") or []}
    slot = {}
    tails, heads, caps, costs, scores = [], [], [], [], []
    next_node = 2
    for key, capacity in left.items():
        slot[key] = next_node
        tails.append(next_node); heads.append(1); caps.append(max(0, capacity)); costs.append(0); scores.append(0)
        next_node += 1
    top = max((opt["score"] for r in requests for opt in r["options"]), default=0) + 1
    open_requests = [r for r in requests if r["id"] not in placed]
    for request in open_requests:
        node = next_node
        next_node += 1
        tails.append(0); heads.append(node); caps.append(1); costs.append(0); scores.append(0)
        for option in request["options"]:
            if option["score"] <= 0 or (request["id"], option["offer"]) in forbidden:
                continue
            wanted = option.get("days")
            for day in offer_days.get(option["offer"], []):
                if wanted is not None and day not in wanted and day != "":
                    continue
                tails.append(node); heads.append(slot[(option["offer"], day)]); caps.append(1)
                costs.append(top - option["score"]); scores.append(option["score"])
    smcf = min_cost_flow.SimpleMinCostFlow()
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(np.array(tails), np.array(heads), np.array(caps), np.array(costs))
    # Supplies bound the flow: every open request could be matched.
    smcf.set_node_supply(0, len(open_requests))
    smcf.set_node_supply(1, -len(open_requests))
    assert smcf.solve_max_flow_with_min_cost() == smcf.OPTIMAL
    flows = smcf.flows(arcs)
    scores = np.array(scores)
    request_arcs = (np.array(tails) >= 2) & (np.array(costs) > 0)
    matched = int(flows[request_arcs].sum()) + len(placed)
    total = int((flows * scores)[request_arcs].sum()) + fixed_score
    seconds = time.perf_counter() - start
    print(json.dumps({"matched": matched, "total_score": total, "seconds": seconds}))


main()
