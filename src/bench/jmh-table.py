#!/usr/bin/env python3
"""Prints JMH's JSON result file (-rf json) as the Markdown table docs/performance.md quotes.

Per benchmark: the median of every measured iteration of every fork with its range (min-max), JMH's own
score (the mean) with its 99.9% error, the unit, and the allocation per operation from -prof gc
(gc.alloc.rate.norm's score, not its error). Reads the JSON, so a score printed as "x ± y" or a row
without an error cannot shift a column.

    src/bench/jmh-table.py target/bench/jmh.json
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


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/bench/jmh.json")
