#!/usr/bin/env python3
"""The soak's verdict from its output folder: the writer's count against nhitop's report,
and resident memory over the run with its slope (least squares over the second half of
the writing time, in KB per minute). Exit status 1 when the counts differ, anything was
malformed or ignored, or the truncation could not be made exact.

  summarize.py bench/out/soak
"""
import csv
import json
import sys


def slope_per_minute(points):
    """Least-squares slope of (seconds, kb) points, in KB per minute."""
    n = len(points)
    if n < 2:
        return float("nan")
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in points)
    return sxy / sxx * 60 if sxx else float("nan")


def main():
    out = sys.argv[1]
    writer = json.load(open(f"{out}/writer.json"))
    report = json.load(open(f"{out}/report.json"))
    rows = [(float(r["elapsed_s"]), int(r["rss_kb"]), float(r["cpu_s"]))
            for r in csv.DictReader(open(f"{out}/rss.csv"))]
    writing = [r for r in rows if r[0] <= writer["seconds"]] or rows
    half = [(t, kb) for t, kb, _ in writing if t >= writer["seconds"] / 2]
    slope = slope_per_minute(half)
    rss = [kb for _, kb, _ in writing]
    cpu = rows[-1][2] if rows else float("nan")
    wall = rows[-1][0] if rows else float("nan")

    counted = report["events"]
    ok = (counted == writer["written"] and report["malformed"] == 0 and report["ignored"] == 0
          and writer["truncate_synced"] is not False)
    print(f"soak: {writer['seconds']:.0f} s at {writer['rate']:.0f} events/s, "
          f"{writer['rotations']} rotations, {writer['truncations']} truncation "
          f"(at {writer['truncate_at_s']:.0f} s, paused {writer['truncate_pause_s']} s, "
          f"synced={writer['truncate_synced']})")
    print(f"{'WRITTEN':>10} {'COUNTED':>10} {'MALFORMED':>9} {'IGNORED':>8} {'IDENTITIES':>10} "
          f"{'RSS_START_KB':>12} {'RSS_END_KB':>10} {'RSS_MAX_KB':>10} {'SLOPE_KB/MIN':>12} "
          f"{'CPU_S':>7} {'CPU%':>5}")
    print(f"{writer['written']:>10} {counted:>10} {report['malformed']:>9} {report['ignored']:>8} "
          f"{len(report['identities']):>10} {rss[0] if rss else 0:>12} {rss[-1] if rss else 0:>10} "
          f"{max(rss) if rss else 0:>10} {slope:>12.1f} {cpu:>7.1f} {100 * cpu / wall:>5.1f}")
    if half:
        print(f"second half: {len(half)} samples, RSS {min(kb for _, kb in half)}–{max(kb for _, kb in half)} KB")
    print("soak: " + ("PASS: counts match exactly" if ok else
                      f"FAIL: wrote {writer['written']}, nhitop counted {counted} "
                      f"(malformed {report['malformed']}, ignored {report['ignored']})"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
