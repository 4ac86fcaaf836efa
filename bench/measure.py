#!/usr/bin/env python3
"""Runs a command several times and prints "MEDIAN_MS PEAK_RSS_KB" (issue 8).

usage: measure.py RUNS [--each A,B,C] [--ok-fail] -- CMD ARGS...
Each run's wall time is taken around spawn/wait of the command alone; the peak RSS
comes from GNU time on the warm-up run. With --each, run i replaces "{}" in the arguments with the
i-th item (a mark needs a new student each time). One warm-up run comes first and is
not counted. A failing command prints "fail" unless --ok-fail.
"""
import os, sys, time

def main():
    a = sys.argv[1:]
    runs = int(a.pop(0))
    each, okfail = None, False
    while a and a[0] != "--":
        o = a.pop(0)
        if o == "--each":
            each = a.pop(0).split(",")
        elif o == "--ok-fail":
            okfail = True
    cmd = a[1:]
    times, rss = [], 0
    rssfile = "/tmp/ejbench-rss.%d" % os.getpid()
    for i in range(runs + 1):
        item = each[i % len(each)] if each else ""
        argv = [x.replace("{}", item) for x in cmd]
        if i == 0:
            # The warm-up run gives the peak RSS: through GNU time, since a child
            # spawned from here would count this interpreter's pages as its own.
            argv = ["/usr/bin/time", "-f", "%M", "-o", rssfile] + argv
        t0 = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, os.environ,
                              file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
                                            (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)])
        _, status, ru = os.wait4(pid, 0)
        t1 = time.perf_counter()
        if os.waitstatus_to_exitcode(status) != 0 and not okfail:
            print("fail")
            return
        if i == 0:
            with open(rssfile) as f:
                rss = int(f.read().split()[-1])
            os.unlink(rssfile)
            continue
        times.append((t1 - t0) * 1000)
    times.sort()
    n = len(times)
    med = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    print("%.3f %d" % (med, rss))

main()
