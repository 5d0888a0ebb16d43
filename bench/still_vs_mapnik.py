#!/usr/bin/python3
"""A 1080p regency still, whole process, Pantau against mapnik, in one run.

Makes a mirror of the simulator's final night (nation to regencies), then alternates
  pantau --headless --source MIRROR --no-overlay --screenshot A.png
  bench/mapnik_still.py (the same GeoPackages, the same colours, the same size)
each run timed from spawn to exit with its peak RSS, after one warm-up of each (Pantau's mesh
cache and tree pack exist, the files are in the page cache). Prints the medians and the ratio,
and one JSON line. Skips (exit 0, a message) when python3-mapnik is not installed.

usage: bench/still_vs_mapnik.py [--bin build/bin] [--runs 5] [--size 1920x1080]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def timed(cmd):
    """Wall seconds from spawn to exit, CPU seconds (user + system) and peak RSS in MB of one process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def make_mirror(bin_dir, data, out):
    sim_cmd = [os.path.join(bin_dir, "pantau-sim"), "--final", "--port", "0"] + (["--data", data] if data else [])
    sim = subprocess.Popen(sim_cmd, stdout=subprocess.PIPE, text=True)
    try:
        line = sim.stdout.readline().strip()
        if not line.startswith("listening on "):
            sys.exit("pantau-sim did not start: " + line)
        url = line.split(" ", 2)[2] + "/"
        subprocess.run([os.path.join(bin_dir, "pantau-data"), "mirror", url, out, "--levels", "3"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        sim.terminate()
        sim.wait()


def parse_args():
    """--bin, --data, --runs and --size: the options of this script and window_first_map.py."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    ap.add_argument("--data", default=os.environ.get("PANTAU_DATA"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", default="1920x1080")
    return ap.parse_args()


def main():
    a = parse_args()
    if subprocess.run(["/usr/bin/python3", "-c", "import mapnik"], capture_output=True).returncode != 0:
        print("still_vs_mapnik: skipped: python3-mapnik is not installed (apt-get install python3-mapnik)")
        return
    data = a.data or os.path.join(os.path.dirname(ROOT), "shared", "data")
    geo = os.path.join(data, "geo")
    width, height = a.size.split("x")
    tmp = tempfile.mkdtemp(prefix="pantau-vs-mapnik-")
    try:
        mirror = os.path.join(tmp, "mirror")
        make_mirror(a.bin, a.data, mirror)
        shot = os.path.join(tmp, "pantau.png")
        pantau = [os.path.join(a.bin, "pantau"), "--headless", "--source", mirror, "--no-overlay", "--size", a.size, "--screenshot", shot]
        if a.data:
            pantau += ["--data", a.data]
        mapnik = ["/usr/bin/python3", os.path.join(HERE, "mapnik_still.py"), os.path.join(geo, "regencies.gpkg"),
                  os.path.join(geo, "provinces.gpkg"), shot + ".json", width, height, os.path.join(tmp, "mapnik.png")]
        timed(pantau)  # warm-up: caches built, files in the page cache; also the colours for mapnik
        timed(mapnik)
        runs = {"pantau": [], "mapnik": []}
        for _ in range(a.runs):
            runs["pantau"].append(timed(pantau))
            runs["mapnik"].append(timed(mapnik))
        def median(k, i):
            return statistics.median(r[i] for r in runs[k])
        peak = {k: max(r[2] for r in v) for k, v in runs.items()}
        print(f"{'':8} {'wall s':>8} {'CPU s':>7} {'peak MB':>8}   (medians of {a.runs} runs each, {a.size}, 514 regencies)")
        for k in runs:
            print(f"{k:8} {median(k, 0):8.3f} {median(k, 1):7.3f} {peak[k]:8.1f}")
        ratio, cpu_ratio = median("mapnik", 0) / median("pantau", 0), median("mapnik", 1) / median("pantau", 1)
        print(f"mapnik / pantau: wall {ratio:.2f}x, CPU {cpu_ratio:.2f}x (above 1: Pantau is faster)")
        print(json.dumps({"size": a.size, "pantau_s": round(median("pantau", 0), 3), "pantau_cpu_s": round(median("pantau", 1), 3),
                          "pantau_peak_mb": round(peak["pantau"], 1), "mapnik_s": round(median("mapnik", 0), 3),
                          "mapnik_cpu_s": round(median("mapnik", 1), 3), "mapnik_peak_mb": round(peak["mapnik"], 1),
                          "ratio": round(ratio, 2), "cpu_ratio": round(cpu_ratio, 2)}))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
