#!/usr/bin/env python3
"""Writes nhitop JSON-lines events for a large population, for bench/run's dashboard at scale.

    identities.py IDENTITIES EVENTS END_RFC3339 > FILE

EVENTS events, round-robin over IDENTITIES service identities (`svc-bench-000042`), one every
10 ms of event time ending at END, with a handful of actions and resources each, so every
identity has history and the ranking has something to sort.
"""
import sys
from datetime import datetime, timedelta, timezone

identities, events, end = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
end_t = datetime.fromisoformat(end.replace("Z", "+00:00")).astimezone(timezone.utc)
start = end_t - timedelta(milliseconds=10 * events)
verbs = ["GET /v1/orders", "POST /v1/orders", "GET /v1/users", "DELETE /v1/cache", "GET /v1/secrets"]
decisions = ["allow"] * 9 + ["deny"]
out = sys.stdout
write = out.write
for n in range(events):
    i = n % identities
    t = start + timedelta(milliseconds=10 * n)
    write('{"ts":"%s","identity":"svc-bench-%06d","kind":"service","action":"%s",'
          '"resource":"/v1/r/%d","decision":"%s","source_ip":"10.%d.%d.%d","credential":"key-%06d"}\n'
          % (t.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), i, verbs[(n // identities + i) % 5], n % 97,
             decisions[(n * 7 + i) % 10], i >> 16 & 255, i >> 8 & 255, i & 255, i))
