#!/usr/bin/env python3
"""Checks recorded hub exchanges against shared/openapi.yaml.

Reads JSON lines {"method", "path", "status", "content_type", "body"} from the file named by the
first argument. For each: the path and method must be in the spec, the status must be documented
for them, and a JSON body must match the documented schema. Prints one line per disagreement and
exits 1 if there was any.
"""
import json
import re
import sys

import yaml
from openapi_schema_validator import OAS31Validator

spec = yaml.safe_load(open(sys.argv[2] if len(sys.argv) > 2 else "shared/openapi.yaml"))
templates = [(re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", p) + "$"), p) for p in spec["paths"]]


def resolve(node):
    while isinstance(node, dict) and "$ref" in node:
        parts = node["$ref"].lstrip("#/").split("/")
        node = spec
        for part in parts:
            node = node[part]
    return node


problems = []
for line in open(sys.argv[1]):
    ex = json.loads(line)
    where = f'{ex["method"]} {ex["path"]} -> {ex["status"]}'
    matches = [p for rx, p in templates if rx.match(ex["path"].split("?")[0])]
    # A literal segment beats a parameter ("/api/v1/tenants" over "/api/v1/tenants/{tenantId}").
    matches.sort(key=lambda p: p.count("{"))
    if not matches:
        problems.append(f"{where}: path not in the spec")
        continue
    operation = spec["paths"][matches[0]].get(ex["method"].lower())
    if operation is None:
        problems.append(f"{where}: method not in the spec for {matches[0]}")
        continue
    response = operation["responses"].get(str(ex["status"]))
    if response is None:
        problems.append(f"{where}: status not documented for {matches[0]}")
        continue
    response = resolve(response)
    content = response.get("content", {})
    if not content:
        if ex["body"]:
            problems.append(f"{where}: documented without a body, but one came")
        continue
    media = content.get((ex["content_type"] or "").split(";")[0])
    if media is None:
        problems.append(f'{where}: content type {ex["content_type"]} not documented ({list(content)})')
        continue
    if "json" not in (ex["content_type"] or ""):
        continue
    schema = dict(media["schema"])
    schema["components"] = spec["components"]
    errors = list(OAS31Validator(schema).iter_errors(json.loads(ex["body"])))
    for error in errors[:3]:
        problems.append(f"{where}: body does not match the schema: {error.message} at {list(error.absolute_path)}")

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
