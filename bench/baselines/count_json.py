#!/usr/bin/env python3
"""The "quick script" bench/run measures nhitop against: read a JSON-lines audit log, parse
each line with the standard library's `json`, count events per identity, print the counts.

    count_json.py FORMAT FILE        # FORMAT: k8s_audit | cloudtrail | opa | vault

Per format it does what an operator's script would do, and no more:
  k8s_audit   dedupe by auditID (a request logs several stages), count per user.username
  cloudtrail  count per userIdentity.arn
  opa         count per input.subject
  vault       count responses only (each call logs a request and a response), per auth.display_name
Lines that do not parse are skipped (as `jq -R 'fromjson?'` does). count_orjson.py runs the
same code with orjson's parser.
"""
import sys
from collections import Counter


def _get(d, *keys):
    for k in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def count(loads, fmt, path):
    counts = Counter()
    if fmt == "k8s_audit":
        seen = set()
        with open(path, "rb") as f:
            for line in f:
                try:
                    d = loads(line)
                except ValueError:
                    continue
                if not isinstance(d, dict):
                    continue
                aid = d.get("auditID")
                if aid in seen:
                    continue
                seen.add(aid)
                counts[_get(d, "user", "username")] += 1
    elif fmt == "vault":
        with open(path, "rb") as f:
            for line in f:
                try:
                    d = loads(line)
                except ValueError:
                    continue
                if not isinstance(d, dict):
                    continue
                if d.get("type") != "response":
                    continue
                counts[_get(d, "auth", "display_name")] += 1
    else:
        keys = {"cloudtrail": ("userIdentity", "arn"), "opa": ("input", "subject")}[fmt]
        with open(path, "rb") as f:
            for line in f:
                try:
                    d = loads(line)
                except ValueError:
                    continue
                if not isinstance(d, dict):
                    continue
                counts[_get(d, *keys)] += 1
    return counts


def main(loads):
    if len(sys.argv) != 3:
        sys.exit("usage: %s k8s_audit|cloudtrail|opa|vault FILE" % sys.argv[0])
    counts = count(loads, sys.argv[1], sys.argv[2])
    out = sys.stdout
    for identity, n in counts.most_common():
        out.write("%7d %s\n" % (n, identity))
    print("events %d" % sum(counts.values()), file=sys.stderr)


if __name__ == "__main__":
    import json
    main(json.loads)
