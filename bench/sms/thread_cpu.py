#!/usr/bin/env python3
"""CPU of a process per thread group (thread names with their numbers dropped), from /proc/PID/task.

  thread_cpu.py snap PID FILE          save utime+stime (ms) of every thread
  thread_cpu.py diff PID FILE N        print the groups' CPU since FILE, in ms per 1000 of N messages
"""
import json
import os
import re
import sys

TICK = os.sysconf("SC_CLK_TCK")


def snapshot(pid):
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # the thread ended meanwhile
        # comm is in parentheses and may hold spaces; the fields after it are fixed
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        out[tid] = [name, (int(fields[11]) + int(fields[12])) * 1000 // TICK]
    return out


def main():
    cmd, pid, path = sys.argv[1], sys.argv[2], sys.argv[3]
    if cmd == "snap":
        with open(path, "w") as f:
            json.dump(snapshot(pid), f)
        return
    with open(path) as f:
        before = json.load(f)
    n = int(sys.argv[4])
    groups = {}
    for tid, (name, ms) in snapshot(pid).items():
        used = ms - before.get(tid, [name, 0])[1]
        group = re.sub(r"\d+", "N", name)
        groups[group] = groups.get(group, 0) + used
    total = sum(groups.values())
    shown = sorted(groups.items(), key=lambda g: -g[1])[:8]
    print("  gateway threads, CPU ms per 1000 messages: " + ", ".join(
        f"{g} {ms * 1000 // n}" for g, ms in shown if ms > 0) + f" (all {total * 1000 // n})")


if __name__ == "__main__":
    main()
