#!/usr/bin/python3
"""What one window costs the origin, and its memory, over a whole simulated night (issue 14 item 4).

Starts the window on its embedded night (pantau-sim as its child, 12 simulated minutes a second:
11:00 to 24:00 WIB in 65 s, then the night stands still) on `--layer integrity` at the nation, finds
the child simulator's port, and every PERIOD seconds reads the simulator's request and byte counts
(GET /_sim/stats: the API's requests, its control endpoints left out) and the window's RSS
(/proc/PID/status VmRSS). Prints one line per period, then one JSON line: requests/s and MB/s during
the night and in the steady state after it, the TPS documents read, the peak and last RSS.

usage: xvfb-run -a -s "-screen 0 1920x1080x24" bench/polite_window.py [--bin build/bin]
                                                   [--seconds 240] [--period 10] [--view CODE]
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


def stats(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_sim/stats", timeout=10) as r:
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
    p.add_argument("--night-ends-after", type=int, default=90,
                   help="seconds after the start past which the night stands still (65 s + the first sweep)")
    a = p.parse_args()
    cmd = [os.path.join(a.bin, "pantau"), "--layer", "integrity", "--size", "1280x720"]
    if a.view:
        cmd += ["--view", a.view]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sim_pid = None
    try:
        t0 = time.time()
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
            print(f"t={row['t']:4d}s  {row['rps']:8.1f} requests/s  {row['mbps']:6.2f} MB/s  "
                  f"RSS {rss:7.1f} MB  sim {s['time']}", flush=True)
            last, last_t = s, now
        night = [r for r in rows if r["t"] <= a.night_ends_after]
        steady = [r for r in rows if r["t"] > a.night_ends_after + a.period]
        mean = lambda rs, k: sum(r[k] for r in rs) / len(rs) if rs else 0
        print(json.dumps({
            "requests_total": last["requests"], "bytes_total": last["bytes"],
            "night_rps": round(mean(night, "rps"), 1), "night_mbps": round(mean(night, "mbps"), 3),
            "steady_rps": round(mean(steady, "rps"), 2), "steady_mbps": round(mean(steady, "mbps"), 4),
            "rss_peak_mb": round(peak), "rss_last_mb": round(rows[-1]["rss_mb"]) if rows else 0,
            "load": os.getloadavg()[0]}))
    finally:
        proc.terminate()
        proc.wait()
        if sim_pid:  # the window's child, should it outlive the window
            try:
                os.kill(sim_pid, 15)
            except ProcessLookupError:
                pass


if __name__ == "__main__":
    main()
