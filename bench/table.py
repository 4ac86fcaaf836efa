#!/usr/bin/env python3
"""Prints the tables of make bench from its rows (issue 17).

usage: table.py ROWS
ROWS: one line a row, tab-separated: school, command, ms, cpu_ms, rss_MB, floor_ms,
xfloor, target, verdict, bytes_read. The first table lists them all; when rows of
large10 are there, a second one puts each beside the same command on large: linear
when its CPU time (which a busy neighbour disturbs less than the wall time) grows
no faster than the bytes of the files it reads (1.25x slack; a command that reads
no more, as a mark, should not grow), RSS flat when the large10 peak stays within
1.25x + 1 MB of the large one.
"""
import sys

COLS = [("command", "<"), ("school", "<"), ("ms", ">"), ("cpu_ms", ">"), ("rss_MB", ">"),
        ("floor_ms", ">"), ("xfloor", ">"), ("target", "<"), ("verdict", "<")]


def table(head, rows):
    w = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, (h, _) in enumerate(head)]
    for r in [[h for h, _ in head]] + rows:
        cells = [c.ljust(w[i]) if head[i][1] == "<" else c.rjust(w[i]) for i, c in enumerate(r)]
        print("  ".join(cells).rstrip())


def num(x):
    try:
        return float(x)
    except ValueError:
        return None


def ms(x):
    v = num(x)
    return x if v is None else "%.2f" % v if v < 10 else "%.1f" % v


def main():
    rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    table(COLS, [[r[1], r[0]] + [ms(x) for x in r[2:4]] + [r[4], ms(r[5])] + r[6:9] for r in rows])
    large = {r[1]: r for r in rows if r[0] == "large"}
    big = [r for r in rows if r[0] == "large10"]
    if not big:
        return
    print()
    print("large10 (ten times the classes) beside large: xtime (wall), xcpu (CPU time) and xdata (bytes of the")
    print("files read) are large10 / large")
    out = []
    for r10 in big:
        r = large.get(r10[1])
        if not r:
            continue
        t, t10, c, c10, f, f10, m, m10 = (num(x) for x in (r[2], r10[2], r[3], r10[3], r[9], r10[9], r[4], r10[4]))
        if None in (t, t10, c, c10, m, m10) or not t or not c:
            out.append([r[1], ms(r[2]), ms(r10[2]), "", "", "", r[4], r10[4], "failed"])
            continue
        xf = f10 / f if f and f10 else 1.0  # bytes read
        v = "linear" if c10 / c <= 1.25 * max(xf, 1.0) else "SUPERLINEAR"
        v += ", RSS flat" if m10 <= 1.25 * m + 1 else ", RSS GROWS"
        out.append([r[1], ms(r[2]), ms(r10[2]), "%.2f" % (t10 / t), "%.2f" % (c10 / c), "%.2f" % xf,
                    r[4], r10[4], v])
    table([("command", "<"), ("large_ms", ">"), ("large10_ms", ">"), ("xtime", ">"), ("xcpu", ">"),
           ("xdata", ">"), ("rss_MB", ">"), ("rss10_MB", ">"), ("verdict", "<")], out)


main()
