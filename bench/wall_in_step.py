#!/usr/bin/python3
"""Twenty screens in step (issue 14's "Done when"): a 5x4 wall of headless tiles following one relay.

Starts pantau-sim (--speed 60: the nation and the provinces change every real second), one
pantau-relay in front of it (--poll-ms, --apply-delay-ms) and COLS x ROWS headless tiles of one wall
(`pantau --headless --wall 5x4 --tile C,R --source relay+http://...`, each its own process, all on
127.0.0.1), runs them for --seconds and reads their --wall-log lines. For every version published
once all tiles were showing one (and applied before the first tile stopped): whether every tile
showed it, whether all in the same frame F of the wall clock's frame grid, and each switch's
shown_ms - apply_at_ms. Also each tile's CPU time and peak RSS (from wait4) and the load average.

The tiles are small by default (192x108: a 960x432 canvas plus bezels) so that twenty llvmpipe
processes fit this 2-core machine; with a GPU per screen a tile of 1920x1080 draws in milliseconds.

usage: bench/wall_in_step.py [--bin build/bin] [--wall 5x4] [--size 192x108] [--seconds 75]
          [--fps 60] [--poll-ms 3000] [--apply-delay-ms 4000] [--out DIR]
Prints one line per version, then one JSON line. Exits 1 when a version compared was not shown by
every tile (a wall that showed a mix), was shown before its frame, or a tile went back; 0
otherwise (being late is reported, not failed).
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time


def start_listening(cmd, what):
    """A child that prints "listening on http://127.0.0.1:PORT" when ready; it and its URL."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    m = re.match(r"listening on (http://127\.0\.0\.1:\d+)", line)
    if not m:
        proc.kill()
        sys.exit(f"{what} did not start: {line!r}")
    return proc, m.group(1)


def read_log(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip() and '"version"' in line]


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(p * len(s)))] if s else None


def went_back(logs):
    """Switches to a version not newer than the one shown: none on a wall in step."""
    n = 0
    for tile, log in logs.items():
        for a, b in zip(log, log[1:]):
            if b["version"] <= a["version"]:
                print(f"tile {tile} went back from {a['version']} to {b['version']}")
                n += 1
    return n


def in_step(logs, from_ms, fps):
    """Per version applied from `from_ms` until the first tile's last switch: who showed it, when."""
    frame_ms = 1000.0 / fps
    until_ms = min(log[-1]["shown_ms"] for log in logs.values())
    by_version = {}
    for tile, log in logs.items():
        for s in log:
            by_version.setdefault(s["version"], {})[tile] = s
    rows = []
    for version, shown in sorted(by_version.items()):
        apply_at = next(iter(shown.values()))["apply_at_ms"]
        if apply_at < from_ms or apply_at > until_ms:
            continue
        first = math.ceil(apply_at / frame_ms)
        frames = sorted({s["frame"] for s in shown.values()})
        delays = [s["shown_ms"] - s["apply_at_ms"] for s in shown.values()]
        early = sum(s["frame"] < first or s["shown_ms"] < apply_at for s in shown.values())
        on_time = sum(s["frame"] == first and s["shown_ms"] - s["frame"] * frame_ms <= frame_ms
                      for s in shown.values())
        rows.append({"version": version, "tiles": len(shown), "frames": frames, "first_frame": first,
                     "on_time": on_time, "early": early, "delays": delays})
    return rows


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", default="build/bin")
    p.add_argument("--wall", default="5x4")
    p.add_argument("--size", default="192x108", help="one tile's size")
    p.add_argument("--bezel", type=int, default=4)
    p.add_argument("--seconds", type=int, default=75)
    p.add_argument("--fps", type=int, default=60, help="the wall's frame grid (--wall-fps)")
    p.add_argument("--poll-ms", type=int, default=3000, help="the relay's (a version at most this often)")
    p.add_argument("--apply-delay-ms", type=int, default=4000)
    p.add_argument("--out", default=None, help="where the logs and last pictures go (default a temp dir)")
    a = p.parse_args()
    cols, rows = (int(x) for x in a.wall.split("x"))
    out = a.out or tempfile.mkdtemp(prefix="pantau-wall-")
    os.makedirs(out, exist_ok=True)
    sim, sim_url = start_listening([os.path.join(a.bin, "pantau-sim"), "--speed", "60"], "pantau-sim")
    relay = tiles = None
    try:
        relay, relay_url = start_listening(
            [os.path.join(a.bin, "pantau-relay"), "--source", sim_url, "--levels", "2",
             "--poll-ms", str(a.poll_ms), "--apply-delay-ms", str(a.apply_delay_ms)], "pantau-relay")
        tiles = {}
        for r in range(rows):
            for c in range(cols):
                name = f"{c},{r}"
                log = os.path.join(out, f"tile_{c}_{r}.log")
                if os.path.exists(log):
                    os.remove(log)
                cmd = [os.path.join(a.bin, "pantau"), "--headless", "--wall", a.wall, "--tile", name,
                       "--bezel", str(a.bezel), "--size", a.size, "--source", "relay+" + relay_url,
                       "--wall-fps", str(a.fps), "--duration", str(a.seconds), "--wall-log", log,
                       "--screenshot", os.path.join(out, f"tile_{c}_{r}.png")]
                with open(os.path.join(out, f"tile_{c}_{r}.err"), "w") as err:
                    tiles[name] = (subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err), log)
        time.sleep(a.seconds * 0.6)
        loads = [os.getloadavg()[0]]  # mid-run, all tiles drawing
        usage = {}
        pending = {proc.pid: name for name, (proc, _) in tiles.items()}
        while pending:  # wait4: each tile's CPU time and peak RSS
            pid, status, ru = os.wait4(-1, 0)
            if pid in pending:
                usage[pending.pop(pid)] = (os.waitstatus_to_exitcode(status), ru.ru_utime + ru.ru_stime,
                                           ru.ru_maxrss / 1024)
                loads.append(os.getloadavg()[0])
        for name, (proc, _) in tiles.items():
            proc.returncode = usage[name][0]
    finally:
        for proc in ([relay] if relay else []) + [sim]:
            proc.terminate()
            proc.wait()
    failed = {n: u[0] for n, u in usage.items() if u[0] != 0}
    if failed:
        sys.exit(f"tiles failed: {failed} (see {out}/tile_*.err)")
    logs = {name: read_log(log) for name, (_, log) in tiles.items()}
    empty = [n for n, log in logs.items() if not log]
    if empty:
        sys.exit(f"tiles that switched to no version: {empty}")
    all_running = max(log[0]["shown_ms"] for log in logs.values())
    versions = in_step(logs, all_running + a.apply_delay_ms, a.fps)
    n = len(tiles)
    back = went_back(logs)
    for v in versions:
        print(f"version {v['version']}: {v['tiles']}/{n} tiles, frames {v['frames']} (first at or after "
              f"apply_at_ms {v['first_frame']}), {v['on_time']} on time, shown_ms - apply_at_ms "
              f"{min(v['delays'])}..{max(v['delays'])} ms", flush=True)
    delays = [d for v in versions for d in v["delays"]]
    cpu = [u[1] for u in usage.values()]
    rss = [u[2] for u in usage.values()]
    print(json.dumps({
        "tiles": n, "size": a.size, "fps": a.fps, "seconds": a.seconds, "versions": len(versions),
        "shown_by_all": sum(v["tiles"] == n for v in versions),
        "same_frame_on_all": sum(v["tiles"] == n and len(v["frames"]) == 1 for v in versions),
        "switches": len(delays), "on_time": sum(v["on_time"] for v in versions),
        "early": sum(v["early"] for v in versions), "went_back": back,
        "delay_ms_p50": percentile(delays, 0.5), "delay_ms_max": max(delays) if delays else None,
        "tile_cpu_s_mean": round(sum(cpu) / n, 1), "tile_rss_mb_max": round(max(rss)),
        "load_mid_run": round(loads[0], 1), "load_at_end": round(loads[-1], 1), "logs": out}))
    mixed = any(v["tiles"] != n or v["early"] for v in versions) or back
    return 1 if mixed else 0


if __name__ == "__main__":
    sys.exit(main())
