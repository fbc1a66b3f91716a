#!/usr/bin/env python3
"""The headline form of a figure measured N times: median (min-max) over N.

    src/bench/median.py LABEL UNIT VALUE...      e.g.  median.py "p99, whole chain" ms 0.81 0.77 0.92
"""
import statistics
import sys


def main(args):
    label, unit, values = args[0], args[1], [float(v.replace(",", "")) for v in args[2:] if v.strip()]
    if not values:
        print(f"{label}: no values")
        return
    def f(x):
        return f"{x:,.3f}" if abs(x) < 10 else f"{x:,.1f}" if abs(x) < 1000 else f"{x:,.0f}"
    print(f"{label}: median {f(statistics.median(values))} {unit} "
          f"({f(min(values))}-{f(max(values))} over {len(values)} runs)")


if __name__ == "__main__":
    main(sys.argv[1:])
