#!/usr/bin/env python3
"""The soak's log writer: appends real-shaped audit records to one file at a steady rate,
rotates it like logrotate's `create` mode, truncates it once like `copytruncate`, and
counts exactly what it wrote.

Records come from a pool of `nhitop sample` lines (CloudTrail, Kubernetes audit, Vault,
OPA, GitHub, nhitop JSON), only those that nhitop counts as one event each: Vault
responses (not the request of the pair) and Kubernetes `ResponseComplete`. Each written
record gets a fresh dedupe id (eventID, auditID, request.id, decision_id, _document_id)
and the current time, so nothing is deduplicated away and the event clock moves with
the wall clock as in a live deployment. Every record is one line, written whole.

The one truncation is made exact: lines written before a copytruncate and not yet read
are lost to any follower (that is what copytruncate does), so the writer pauses, waits
until nhitop's `--stats-every` line on stderr has counted everything written so far,
then copies and truncates, and resumes (the pause is not made up: the rate just misses
those seconds).

  writer.py --pool POOL --file LOG --rate 2000 --seconds 1800 --rotate-every 60 \\
            --truncate-at 870 --stats NHITOP_STDERR --summary OUT.json
  writer.py --pool POOL --check N > FILE   # N records to stdout, to check the pool
"""
import argparse
import json
import os
import re
import shutil
import sys
import time
import uuid

ID = "\x00ID\x00"
TS = "\x00TS\x00"      # RFC 3339 with microseconds
TSS = "\x00TSS\x00"    # RFC 3339, whole seconds (CloudTrail)
MS = 9_000_000_000_001  # placeholder for epoch milliseconds (GitHub), replaced textually


def template(line):
    """A record's JSON with its id and times replaced by placeholders, as parts to join;
    None for a record that does not count as an event on its own."""
    d = json.loads(line)
    if "eventVersion" in d:
        d["eventID"] = ID
        d["eventTime"] = TSS
    elif d.get("kind") == "Event":
        if d.get("stage") != "ResponseComplete":
            return None
        d["auditID"] = ID
        d["stageTimestamp"] = TS
        d["requestReceivedTimestamp"] = TS
    elif "decision_id" in d:
        d["decision_id"] = ID
        d["timestamp"] = TS
    elif "request" in d and "time" in d:
        if d.get("type") != "response":
            return None
        d["request"]["id"] = ID
        d["time"] = TS
    elif "_document_id" in d:
        d["_document_id"] = ID
        d["@timestamp"] = MS
        d["created_at"] = MS
    elif "ts" in d and "identity" in d:
        d["ts"] = TS
    else:
        return None
    text = json.dumps(d, separators=(",", ":"), ensure_ascii=False)
    # json.dumps escapes the NULs; split on the escaped placeholders.
    text = text.replace(json.dumps(ID)[1:-1], ID).replace(json.dumps(TS)[1:-1], TS)
    text = text.replace(json.dumps(TSS)[1:-1], TSS).replace(str(MS), "\x00MS\x00")
    return re.split("(\x00[A-Z]+\x00)", text)


def load_pool(path):
    pool = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            t = template(line)
            if t is not None:
                pool.append(t)
    if not pool:
        sys.exit("writer: no usable records in the pool")
    return pool


class Records:
    """Renders pool templates in turn, with a fresh id and the current time."""

    def __init__(self, pool):
        self.pool = pool
        self.next = 0
        self.prefix = uuid.uuid4().hex[:8]
        self.serial = 0

    def batch(self, n):
        now = time.time()
        us = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + ".%06dZ" % int((now % 1) * 1e6)
        values = {
            "\x00TS\x00": us,
            "\x00TSS\x00": us[:19] + "Z",
            "\x00MS\x00": str(int(now * 1000)),
        }
        out = []
        for _ in range(n):
            parts = self.pool[self.next]
            self.next = (self.next + 1) % len(self.pool)
            self.serial += 1
            values["\x00ID\x00"] = "%s-%012d" % (self.prefix, self.serial)
            out.append("".join(values.get(p, p) for p in parts))
            out.append("\n")
        return "".join(out).encode()


def follower_count(stats_path):
    """Events nhitop has counted, from the last `nhitop follow:` line of its stderr."""
    try:
        with open(stats_path, "rb") as f:
            f.seek(max(0, os.path.getsize(stats_path) - 4096))
            tail = f.read().decode(errors="replace")
    except OSError:
        return None
    found = re.findall(r"nhitop follow: \d+s events=(\d+)", tail)
    return int(found[-1]) if found else None


def shift(path, keep):
    """path.(keep-1) → path.keep, …, path → path.1; the oldest beyond `keep` is removed."""
    if os.path.exists(f"{path}.{keep}"):
        os.remove(f"{path}.{keep}")
    for i in range(keep - 1, 0, -1):
        if os.path.exists(f"{path}.{i}"):
            os.rename(f"{path}.{i}", f"{path}.{i + 1}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pool", required=True)
    ap.add_argument("--file")
    ap.add_argument("--rate", type=float, default=2000)
    ap.add_argument("--seconds", type=float, default=1800)
    ap.add_argument("--rotate-every", type=float, default=60)
    ap.add_argument("--keep", type=int, default=2)
    ap.add_argument("--truncate-at", type=float, help="seconds in; default: halfway, between rotations")
    ap.add_argument("--stats", help="nhitop's stderr, to wait on before truncating")
    ap.add_argument("--sync-timeout", type=float, default=60)
    ap.add_argument("--summary")
    ap.add_argument("--check", type=int, help="write this many records to stdout and stop")
    a = ap.parse_args()

    records = Records(load_pool(a.pool))
    if a.check is not None:
        sys.stdout.buffer.write(records.batch(a.check))
        return

    truncate_at = a.truncate_at
    if truncate_at is None:
        truncate_at = (a.seconds // 2 // a.rotate_every) * a.rotate_every + a.rotate_every / 2
    written = rotations = truncations = 0
    sync_wait = 0.0
    synced = None
    fd = os.open(a.file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    start = time.monotonic()
    paused = 0.0          # seconds spent waiting for the follower: not made up afterwards
    next_rotation = a.rotate_every
    tick = 0.02
    while True:
        elapsed = time.monotonic() - start
        if elapsed >= a.seconds:
            break
        if elapsed >= next_rotation:
            # logrotate `create`: rename away, a new empty file at the path.
            os.close(fd)
            shift(a.file, a.keep)
            os.rename(a.file, a.file + ".1")
            fd = os.open(a.file, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_EXCL, 0o644)
            rotations += 1
            next_rotation += a.rotate_every
        if truncations == 0 and elapsed >= truncate_at:
            t0 = time.monotonic()
            synced = False
            while time.monotonic() - t0 < a.sync_timeout:
                if a.stats is None:
                    time.sleep(5)
                    break
                if follower_count(a.stats) == written:
                    synced = True
                    break
                time.sleep(0.2)
            # logrotate `copytruncate`: copy the file aside, then cut it to zero in place.
            shift(a.file, a.keep)
            shutil.copyfile(a.file, a.file + ".1")
            os.truncate(a.file, 0)
            truncations += 1
            sync_wait = time.monotonic() - t0
            paused += sync_wait
            elapsed = time.monotonic() - start
        due = int((elapsed - paused) * a.rate) - written
        if due > 0:
            data = records.batch(due)
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            written += due
        time.sleep(tick)
    os.close(fd)
    summary = {
        "written": written,
        "seconds": round(time.monotonic() - start, 1),
        "rate": a.rate,
        "rotations": rotations,
        "truncations": truncations,
        "truncate_at_s": truncate_at,
        "truncate_synced": synced,
        "truncate_pause_s": round(sync_wait, 2),
        "pool": len(records.pool),
    }
    text = json.dumps(summary)
    if a.summary:
        with open(a.summary, "w") as f:
            f.write(text + "\n")
    print("writer: " + text, file=sys.stderr)


if __name__ == "__main__":
    main()
