#!/usr/bin/env python3
"""Prints JMH's JSON result file (-rf json) as the Markdown table docs/performance.md quotes.

Per benchmark: the median of every measured iteration of every fork with its range (min-max), JMH's own
score (the mean) with its 99.9% error, the unit, and the allocation per operation from -prof gc
(gc.alloc.rate.norm's score, not its error). Reads the JSON, so a score printed as "x ± y" or a row
without an error cannot shift a column.

    src/bench/jmh-table.py target/bench/jmh.json
    src/bench/jmh-table.py --ratio target/bench/jmh.json A B [C D ...]

--ratio prints, for each pair of benchmark methods measured in the same run (and each parameter set), the ratio
of their medians A/B, with the range of the ratios of their forks' medians (fork i of A against fork i of B).
"""
import json
import statistics
import sys


def number(x):
    if x != x:  # NaN
        return "NaN"
    a = abs(x)
    if a >= 1e6:
        return f"{x / 1e6:,.1f} M"
    if a >= 100:
        return f"{x:,.0f}"
    if a >= 1:
        return f"{x:.2f}"
    return f"{x:.3g}"


def main(path):
    with open(path) as f:
        results = json.load(f)
    print("| benchmark | median (min-max), all iterations | mean ± 99.9% error | unit | B/op | forks × iterations |")
    print("|---|---|---|---|---|---|")
    for r in results:
        name = r["benchmark"].replace("com.livechain.", "")
        params = r.get("params")
        if params:
            name += " (" + ", ".join(f"{k}={v}" for k, v in params.items()) + ")"
        primary = r["primaryMetric"]
        raw = [v for fork in primary.get("rawData", []) for v in fork]
        forks = len(primary.get("rawData", []))
        median = statistics.median(raw) if raw else float("nan")
        spread = f"{number(median)} ({number(min(raw))}-{number(max(raw))})" if raw else "-"
        error = primary.get("scoreError")
        mean = number(primary["score"]) + (f" ± {number(error)}" if isinstance(error, (int, float)) and error == error else "")
        norm = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        alloc = number(norm["score"]) if norm else "-"
        iterations = f"{forks} × {len(raw) // max(forks, 1)}"
        print(f"| {name} | {spread} | {mean} | {primary['scoreUnit']} | {alloc} | {iterations} |")


def ratios(path, pairs):
    with open(path) as f:
        results = json.load(f)
    def find(method):
        out = {}
        for r in results:
            if r["benchmark"].rsplit(".", 1)[1] == method:
                params = r.get("params") or {}
                out[tuple(sorted(params.items()))] = r
        return out
    for a, b in zip(pairs[0::2], pairs[1::2]):
        ra, rb = find(a), find(b)
        for params in sorted(ra):
            if params not in rb:
                continue
            pa, pb = ra[params]["primaryMetric"], rb[params]["primaryMetric"]
            fa = [statistics.median(fork) for fork in pa["rawData"]]
            fb = [statistics.median(fork) for fork in pb["rawData"]]
            ma = statistics.median([v for fork in pa["rawData"] for v in fork])
            mb = statistics.median([v for fork in pb["rawData"] for v in fork])
            per_fork = [x / y for x, y in zip(fa, fb)]
            label = " (" + ", ".join(f"{k}={v}" for k, v in params) + ")" if params else ""
            print(f"{a} / {b}{label}: {ma / mb:.2f} ({min(per_fork):.2f}-{max(per_fork):.2f} over {len(per_fork)} fork pairs)"
                  f"  [{number(ma)} / {number(mb)} {pa['scoreUnit']}]")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--ratio":
        ratios(sys.argv[2], sys.argv[3:])
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "target/bench/jmh.json")
