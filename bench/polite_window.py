#!/usr/bin/python3
"""What one window costs the origin, and its memory, over a whole simulated night (issue 14 item 4).

Starts the window on `--layer integrity` at the nation, either on its embedded night (pantau-sim as
its child, 12 simulated minutes a second: 11:00 to 24:00 WIB in 65 s, then the night stands still)
or, with `--speed N`, on a pantau-sim of its own started here at N simulated seconds a second
(`--source http://127.0.0.1:PORT`, so the window reads as slowly as the night plays and the whole
night's changes reach it; the night ends after 46,800 / N seconds). Every PERIOD seconds it reads
the simulator's request and byte counts (GET /_sim/stats: the API's requests, its control endpoints
left out) and the window's RSS (/proc/PID/status VmRSS). Prints one line per period, then one JSON
line: requests/s and MB/s during the night and in the steady state after it, the peak and last RSS,
the RSS when the night ended and its slope (MB a minute) over the samples after the night, and
the distinct documents asked and the requests beyond each one's first, by level (0 the nation .. 5
a TPS, 6 the rest: GET /_sim/stats?repeats), which tell a first read from re-reads.

usage: xvfb-run -a -s "-screen 0 1920x1080x24" bench/polite_window.py [--bin build/bin]
          [--seconds 240] [--period 10] [--view CODE] [--speed N] [--max-rps N]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.request


def sim_child(parent_pid, deadline):
    """The pid and listening port of pantau-sim, the window's child."""
    while time.time() < deadline:
        for child in os.popen(f"pgrep -P {parent_pid} pantau-sim").read().split():
            out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True).stdout
            for line in out.splitlines():
                if f"pid={child}," in line:
                    return int(child), int(re.search(r":(\d+)\s", line.split()[3] + " ").group(1))
        time.sleep(0.2)
    sys.exit("no pantau-sim child listening")


def own_sim(binary, speed):
    """pantau-sim at `speed` from 11:00 WIB, and its port (from its one "listening on" line)."""
    sim = subprocess.Popen([binary, "--speed", str(speed)], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    line = sim.stdout.readline()
    m = re.match(r"listening on http://127\.0\.0\.1:(\d+)", line)
    if not m:
        sim.kill()
        sys.exit(f"pantau-sim did not start: {line!r}")
    return sim, int(m.group(1))


def slope_mb_per_min(rows):
    """Least-squares slope of RSS against time, MB a minute."""
    if len(rows) < 2:
        return 0.0
    n = len(rows)
    mt = sum(r["t"] for r in rows) / n
    mr = sum(r["rss_mb"] for r in rows) / n
    den = sum((r["t"] - mt) ** 2 for r in rows)
    return 60 * sum((r["t"] - mt) * (r["rss_mb"] - mr) for r in rows) / den if den else 0.0


def stats(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_sim/stats?repeats", timeout=30) as r:
        return json.load(r)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", default="build/bin")
    p.add_argument("--seconds", type=int, default=240)
    p.add_argument("--period", type=int, default=10)
    p.add_argument("--view", default="", help="a region code (default the nation)")
    p.add_argument("--night-ends-after", type=int, default=None,
                   help="seconds after the start past which the night stands still (default: "
                        "90 on the embedded night, 65 s + the first sweep; 46800 / SPEED with --speed)")
    p.add_argument("--speed", type=float, default=0,
                   help="play the night on a pantau-sim of our own at this speed (default: the embedded night)")
    p.add_argument("--max-rps", default=None, help="the window's request budget (default its own: none on loopback)")
    a = p.parse_args()
    if a.night_ends_after is None:
        a.night_ends_after = 46800 / a.speed if a.speed else 90
    cmd = [os.path.join(a.bin, "pantau"), "--layer", "integrity", "--size", "1280x720"]
    if a.view:
        cmd += ["--view", a.view]
    if a.max_rps is not None:
        cmd += ["--max-rps", a.max_rps]
    sim = None
    if a.speed:
        sim, port = own_sim(os.path.join(a.bin, "pantau-sim"), a.speed)
        cmd += ["--source", f"http://127.0.0.1:{port}"]
    t0 = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sim_pid = sim.pid if sim else None
    try:
        if not sim:
            sim_pid, port = sim_child(proc.pid, t0 + 60)
        rows, peak = [], 0.0
        last = stats(port)
        last_t = time.time()
        while time.time() - t0 < a.seconds:
            time.sleep(a.period)
            if proc.poll() is not None:
                sys.exit(f"pantau exited with {proc.returncode}")
            s, now, rss = stats(port), time.time(), rss_mb(proc.pid)
            peak = max(peak, rss)
            dt = now - last_t
            row = {"t": round(now - t0), "rps": (s["requests"] - last["requests"]) / dt,
                   "mbps": (s["bytes"] - last["bytes"]) / dt / 1e6, "rss_mb": rss, "sim_time": s["time"]}
            rows.append(row)
            row["paths"], row["repeats"] = s["paths"], s["repeats_by_level"]
            print(f"t={row['t']:4d}s  {row['rps']:8.1f} requests/s  {row['mbps']:6.2f} MB/s  "
                  f"RSS {rss:7.1f} MB  sim {s['time']}  paths {s['paths']}  asked again by level {s['repeats_by_level']}",
                  flush=True)
            last, last_t = s, now
        night = [r for r in rows if r["t"] <= a.night_ends_after]
        steady = [r for r in rows if r["t"] > a.night_ends_after + a.period]
        mean = lambda rs, k: sum(r[k] for r in rs) / len(rs) if rs else 0
        print(json.dumps({
            "requests_total": last["requests"], "bytes_total": last["bytes"],
            "night_rps": round(mean(night, "rps"), 1), "night_mbps": round(mean(night, "mbps"), 3),
            "steady_rps": round(mean(steady, "rps"), 2), "steady_mbps": round(mean(steady, "mbps"), 4),
            "rss_peak_mb": round(peak), "rss_last_mb": round(rows[-1]["rss_mb"]) if rows else 0,
            "rss_night_end_mb": round(night[-1]["rss_mb"]) if night else 0,
            "rss_slope_after_night_mb_per_min": round(slope_mb_per_min(steady), 2),
            "paths": last["paths"], "repeats_by_level": last["repeats_by_level"],
            "load": os.getloadavg()[0]}))
    finally:
        proc.terminate()
        proc.wait()
        if sim_pid:  # ours, or the window's child should it outlive the window
            try:
                os.kill(sim_pid, 15)
            except ProcessLookupError:
                pass
        if sim:
            sim.wait()


if __name__ == "__main__":
    main()
