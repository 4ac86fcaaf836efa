#!/usr/bin/env python3
"""Runs commands several times, in turn, and prints "MEDIAN_MS PEAK_RSS_KB CPU_MS"
for each, one line a command (issues 8, 17).

usage: measure.py RUNS [OPTIONS] -- CMD ARGS... [--- [OPTIONS] -- CMD ARGS...]...
Each run's wall time is taken around spawn/wait of the command alone; CPU_MS is the
median of its user + system time (all its threads and children), which another
job on the machine disturbs less than the wall time; the peak RSS comes from GNU
time on the warm-up run. Several commands separated by "---" (a command and its
floors) run in turn, run 1 of each, then run 2 of each..., so that a busy machine
weighs on all of them alike and their ratios hold.
OPTIONS are the command's own: --each A,B,C replaces "{}" in the arguments of its
run i with the i-th item (a mark needs a new student each time); --before CMD runs
a shell command before each of its runs, not timed (removing what the run before
wrote); --env NAME=VALUE (repeated) sets a variable in the command's environment
(through env(1) it would time env's own start too, 0.7 ms, most of a mark's
--version floor); --ok-fail takes a failing exit as a result (check exits 1 when
it finds something), else a failing command's line is "fail". One warm-up run of
each comes first and is not counted.
"""
import os, subprocess, sys, time

def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2

def main():
    a = sys.argv[1:]
    runs = int(a.pop(0))
    segs, cur = [], []
    for x in a:
        if x == "---":
            segs.append(cur)
            cur = []
        else:
            cur.append(x)
    segs.append(cur)
    cmds, each, before, okfail, envs = [], [], [], [], []
    for seg in segs:
        e, b, ok, env = None, None, False, dict(os.environ)
        while seg and seg[0] != "--":
            o = seg.pop(0)
            if o == "--each":
                e = seg.pop(0).split(",")
            elif o == "--before":
                b = seg.pop(0)
            elif o == "--ok-fail":
                ok = True
            elif o == "--env":
                name, _, value = seg.pop(0).partition("=")
                env[name] = value
            else:
                sys.exit("measure.py: unknown option " + o)
        cmds.append(seg[1:])
        each.append(e)
        before.append(b)
        okfail.append(ok)
        envs.append(env)
    times = [[] for _ in cmds]
    cpus = [[] for _ in cmds]
    rss = [0 for _ in cmds]
    failed = [False for _ in cmds]
    rssfile = "/tmp/ejbench-rss.%d" % os.getpid()
    for i in range(runs + 1):
        for k, cmd in enumerate(cmds):
            if failed[k]:
                continue
            item = each[k][i % len(each[k])] if each[k] else ""
            argv = [x.replace("{}", item) for x in cmd]
            if before[k]:
                subprocess.run(before[k].replace("{}", item), shell=True, check=True)
            if i == 0:
                # The warm-up run gives the peak RSS: through GNU time, since a child
                # spawned from here would count this interpreter's pages as its own.
                argv = ["/usr/bin/time", "-f", "%M", "-o", rssfile] + argv
            t0 = time.perf_counter()
            pid = os.posix_spawnp(argv[0], argv, envs[k],
                                  file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
                                                (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)])
            _, status, ru = os.wait4(pid, 0)
            t1 = time.perf_counter()
            if os.waitstatus_to_exitcode(status) != 0 and not okfail[k]:
                failed[k] = True
                if i == 0 and os.path.exists(rssfile):
                    os.unlink(rssfile)
                continue
            if i == 0:
                with open(rssfile) as f:
                    rss[k] = int(f.read().split()[-1])
                os.unlink(rssfile)
                continue
            times[k].append((t1 - t0) * 1000)
            cpus[k].append((ru.ru_utime + ru.ru_stime) * 1000)
    for k in range(len(cmds)):
        print("fail" if failed[k] else "%.3f %d %.3f" % (median(times[k]), rss[k], median(cpus[k])))

main()
