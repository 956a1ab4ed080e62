#!/usr/bin/env python3
"""Drives the nhitop dashboard in a detached tmux and measures it from the outside, for bench/run.

    dashboard.py --bin BIN --total N --out RESULT.json [--log LATENCY.log] [options] FILE...

One session, in order:
 1. backfill: start `BIN FILE...` at COLS×ROWS (NHITOP_LATENCY_LOG=--log set) and, until the
    header's event count reaches --total, send `A` every --key-every seconds. `A` flips the
    bottom pane between events and alerts, so each key's answer is visible in the pane's title
    (`[events]`/`[alerts]`): the time from sending it until `tmux capture-pane` shows the flip
    is the key's latency as seen from outside (polled every 10 ms; each capture costs 2–5 ms).
    The backfill ends when the header's count reaches --total (polled with the same captures,
    so its resolution is about one key interval); if the count stops moving for --stall
    seconds short of the total, it ends at the last change and says so.
 2. --probes-after more `A` keys once the backfill is done (the answer time with everything loaded).
 3. idle: --settle seconds, then CPU over --idle seconds as bench/idle.sh measures it:
    utime+stime from /proc/PID/stat and the on-CPU nanoseconds of every thread from
    /proc/PID/task/*/schedstat.
 4. appends: --appends OPA decision lines, one every --append-every seconds, each naming a
    new identity, written to --append-file (one of FILE...); the time from the write until the
    line shows in the events feed, polled every 10 ms.
 5. `q`, and the latency log is read: `key <us>`, `frame <us>`, `backfill <us>`, `shown … <us>`.

Everything measured goes to --out as JSON. Linux only; needs tmux.
"""
import argparse
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone

POLL = 0.010
COUNT_RE = re.compile(r"([0-9][0-9,]*) events")


def mono():
    return time.monotonic()


class Tmux:
    def __init__(self, sock, session):
        self.sock, self.session = sock, session

    def run(self, *args):
        return subprocess.run(["tmux", "-L", self.sock, "-f", "/dev/null", *args],
                              capture_output=True, text=True)

    def capture(self):
        return self.run("capture-pane", "-p", "-t", self.session).stdout

    def send(self, key):
        self.run("send-keys", "-t", self.session, key)


def header_count(screen):
    first = screen.split("\n", 1)[0]
    m = COUNT_RE.findall(first)
    return int(m[-1].replace(",", "")) if m else None


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)


def oncpu_ns(pid):
    total = 0
    for p in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            with open(p) as f:
                total += int(f.read().split()[0])
        except OSError:
            pass  # a thread that ended between glob and open
    return total


def stats(xs):
    """p50, p99 (nearest rank) and max of a list of seconds, in milliseconds."""
    if not xs:
        return None
    s = sorted(xs)

    def rank(p):
        return s[min(len(s) - 1, max(0, int(-(-p * len(s) // 100)) - 1))]
    return {"n": len(s), "p50_ms": rank(50) * 1000, "p99_ms": rank(99) * 1000, "max_ms": s[-1] * 1000}


def wait_for(tmux, predicate, timeout):
    """Polls capture-pane every 10 ms until predicate(screen); returns (seconds, screen) or (None, screen)."""
    t0 = mono()
    screen = ""
    while mono() - t0 < timeout:
        t = mono()
        screen = tmux.capture()
        if predicate(screen):
            return mono() - t0, screen
        time.sleep(max(0.0, POLL - (mono() - t)))
    return None, screen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--total", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--log", default="")
    ap.add_argument("--home", default="/tmp")
    ap.add_argument("--cols", type=int, default=200)
    ap.add_argument("--rows", type=int, default=60)
    ap.add_argument("--key-every", type=float, default=0.1)
    ap.add_argument("--key-timeout", type=float, default=5.0)
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--stall", type=float, default=10.0)
    ap.add_argument("--probes-after", type=int, default=0)
    ap.add_argument("--settle", type=float, default=3.0)
    ap.add_argument("--idle", type=float, default=10.0)
    ap.add_argument("--append-file", default="")
    ap.add_argument("--appends", type=int, default=0)
    ap.add_argument("--append-every", type=float, default=0.2)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()

    res = {"files": a.files, "total": a.total, "notes": []}
    tmux = Tmux(f"nhitop-bench-{os.getpid()}", "bench")
    env = ["env", "-i", "PATH=/usr/bin:/bin", f"HOME={a.home}", "TERM=tmux-256color", "LANG=C.UTF-8"]
    if a.log:
        if os.path.exists(a.log):
            os.remove(a.log)
        env.append(f"NHITOP_LATENCY_LOG={a.log}")
    cmd = "exec " + " ".join(shlex.quote(x) for x in env + [a.bin] + a.files)
    sent = []  # phase of every key sent, in order, to match the log's `key` lines
    pid = None
    try:
        t0 = mono()
        tmux.run("new-session", "-d", "-s", "bench", "-x", str(a.cols), "-y", str(a.rows), cmd)
        pid = int(tmux.run("list-panes", "-t", "bench", "-F", "#{pane_pid}").stdout.split()[0])
        first, _ = wait_for(tmux, lambda s: "nhitop │" in s, 30)
        res["first_frame_s"] = first

        # 1. backfill, with a key every --key-every seconds.
        keys = []
        done = None
        last_count, last_change = -1, mono()
        while done is None and mono() - t0 < a.timeout:
            screen = tmux.capture()
            count = header_count(screen)
            now = mono()
            if count is not None and count >= a.total:
                done = now - t0
                break
            if count != last_count:
                last_count, last_change = count, now
            elif count and now - last_change > a.stall:
                done = last_change - t0
                res["notes"].append(f"header count stopped at {count:,} of {a.total:,}; "
                                    f"backfill taken as its last change")
                break
            want = "[events]" if "[alerts]" in screen else "[alerts]"
            ts = mono()
            tmux.send("A")
            sent.append("backfill")
            seen = None
            while mono() - ts < a.key_timeout:
                t = mono()
                screen = tmux.capture()
                count = header_count(screen)
                if count is not None and count >= a.total and done is None:
                    done = mono() - t0
                if want in screen:
                    seen = mono() - ts
                    break
                if count != last_count:
                    last_count, last_change = count, mono()
                time.sleep(max(0.0, POLL - (mono() - t)))
            keys.append(seen if seen is not None else a.key_timeout)
            if seen is None:
                res["notes"].append(f"a key went unanswered for {a.key_timeout:.0f} s")
            time.sleep(max(0.0, ts + a.key_every - mono()))
        if done is None:
            res["notes"].append(f"backfill not finished in {a.timeout:.0f} s "
                                f"(header count {last_count:,} of {a.total:,})")
        res["backfill_s"] = done
        res["backfill_count"] = header_count(tmux.capture())
        res["keys_backfill"] = stats(keys)
        if done is None:
            # Still backfilling: idle and append figures would measure the backfill instead.
            a.probes_after = a.appends = 0
            a.idle = 0
            res["notes"].append("no key-after, idle or append figures: the backfill had not finished")

        # Back to the events feed (the appends are looked for there).
        if "[alerts]" in tmux.capture():
            tmux.send("A")
            sent.append("restore")
            wait_for(tmux, lambda s: "[events]" in s, a.key_timeout)

        # 2. keys with everything loaded.
        after = []
        for _ in range(a.probes_after):
            screen = tmux.capture()
            want = "[events]" if "[alerts]" in screen else "[alerts]"
            ts = mono()
            tmux.send("A")
            sent.append("after")
            seen, _ = wait_for(tmux, lambda s: want in s, a.key_timeout)
            after.append(seen if seen is not None else a.key_timeout)
            time.sleep(max(0.0, ts + max(a.key_every, 0.2) - mono()))
        if "[alerts]" in tmux.capture():
            tmux.send("A")
            sent.append("restore")
            wait_for(tmux, lambda s: "[events]" in s, a.key_timeout)
        res["keys_after"] = stats(after)

        # 3. idle.
        if a.idle > 0:
            time.sleep(a.settle)
            measure_idle(res, pid, a.idle)

        # 4. appends: a new identity per line, looked for in the feed.
        lat = []
        nonce = uuid.uuid4().hex[:6]
        for i in range(a.appends):
            token = f"bench-append-{nonce}-{i:03d}"
            now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            line = json.dumps({
                "decision_id": f"{nonce}-{i}", "path": "agents/tools/allow",
                "input": {"subject": "agent:" + token, "action": "tool", "tool": "bench.probe",
                          "resource": f"bench://{i}"},
                "result": {"allow": True}, "timestamp": now, "msg": "Decision Log"},
                separators=(",", ":")) + "\n"
            with open(a.append_file, "a") as f:
                f.write(line)
            ts = mono()
            seen, _ = wait_for(tmux, lambda s: token in s, 5.0)
            if seen is None:
                res["notes"].append(f"append {i} not seen within 5 s")
            lat.append(seen if seen is not None else 5.0)
            time.sleep(max(0.0, ts + a.append_every - mono()))
        res["append"] = stats(lat)

        # 5. quit, so the log is complete.
        tmux.send("q")
        sent.append("quit")
        t = mono()
        while mono() - t < 5 and os.path.exists(f"/proc/{pid}"):
            time.sleep(0.05)
    finally:
        tmux.run("kill-server")

    res["log"] = read_log(a.log, sent, a.appends) if a.log else None
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)


def measure_idle(res, pid, seconds):
    hz = os.sysconf("SC_CLK_TCK")
    k0, n0, w0 = cpu_ticks(pid), oncpu_ns(pid), mono()
    time.sleep(seconds)
    k1, n1, w1 = cpu_ticks(pid), oncpu_ns(pid), mono()
    res["idle"] = {"seconds": w1 - w0,
                   "cpu_pct_stat": (k1 - k0) * 100.0 / hz / (w1 - w0),
                   "cpu_pct_schedstat": (n1 - n0) / 1e7 / (w1 - w0)}


def read_log(path, sent, appends):
    """The latency log's lines, matched to the keys sent in each phase."""
    if not os.path.exists(path):
        return {"present": False}
    keys, frames, backfill, shown, shown_lines = [], [], [], [], []
    with open(path, errors="replace") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            try:
                us = int(float(parts[-1]))
            except ValueError:
                continue
            if parts[0] == "key":
                keys.append(us / 1e6)
            elif parts[0] == "frame":
                frames.append(us / 1e6)
            elif parts[0] == "backfill":
                backfill.append(us / 1e6)
            elif parts[0] == "shown":
                shown.append(us / 1e6)
                shown_lines.append(line)
    out = {"present": True, "key_lines": len(keys), "keys_sent": len(sent)}
    # Key lines in order are the keys sent in order (the final `q` may not be logged).
    n_back = sent.count("backfill")
    if len(keys) in (len(sent), len(sent) - 1):
        out["keys_backfill"] = stats([k for k, p in zip(keys, sent) if p == "backfill"])
        out["keys_after"] = stats([k for k, p in zip(keys, sent) if p == "after"])
    else:
        out["keys_backfill"] = stats(keys[:n_back])
        out["note"] = f"{len(keys)} key lines for {len(sent)} keys sent; the first {n_back} taken as the backfill's"
    out["frames"] = stats(frames)
    out["backfill_s"] = backfill[0] if backfill else None
    ours = [s for s, l in zip(shown, shown_lines) if "bench-append" in l]
    out["shown"] = stats(ours or (shown[-appends:] if appends and shown else []))
    return out


if __name__ == "__main__":
    sys.exit(main())
