#!/usr/bin/python3
"""The window's first map, warm: spawn to the frame that shows it, under Xvfb (Mesa llvmpipe).

Makes a mirror of the simulator's final night (as still_vs_mapnik.py does), then starts
  pantau --source MIRROR --size 1920x1080
RUNS times on one Xvfb display, after one warm-up (Pantau's mesh cache and tree pack exist, the
files are in the page cache), and reads the line the window prints once its first map is
swapped onto the screen ("pantau: first map on screen at T ms (unix time)", the quick first map)
and the first full one ("pantau: first full map on screen at ..."). Prints each time,
the median and one JSON line. Needs Xvfb (apt-get install xvfb).

usage: xvfb-run -s "-screen 0 1920x1080x24" bench/window_first_map.py [--bin build/bin] [--runs 5]
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from still_vs_mapnik import make_mirror, parse_args  # noqa: E402


def first_map_seconds(cmd):
    """Spawn to the first map (the quick one) and to the first full map, in seconds."""
    t0 = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    first = None
    try:
        for line in proc.stderr:
            if line.startswith("pantau: first map on screen at "):
                first = int(line.split()[6]) / 1000 - t0
            if line.startswith("pantau: first full map on screen at "):
                return first, int(line.split()[7]) / 1000 - t0
        sys.exit("pantau exited before its first full map: " + " ".join(cmd))
    finally:
        proc.terminate()
        proc.wait()


def main():
    a = parse_args()
    if not os.environ.get("DISPLAY"):
        sys.exit("window_first_map: no DISPLAY (run it under xvfb-run)")
    tmp = tempfile.mkdtemp(prefix="pantau-first-map-")
    try:
        mirror = os.path.join(tmp, "mirror")
        make_mirror(a.bin, a.data, mirror)
        cmd = [os.path.join(a.bin, "pantau"), "--source", mirror, "--size", a.size]
        if a.data:
            cmd += ["--data", a.data]
        first_map_seconds(cmd)  # warm-up
        times = [first_map_seconds(cmd) for _ in range(a.runs)]
        for first, full in times:
            print(f"first map {first:.3f} s, first full map {full:.3f} s")
        print(json.dumps({"first_map_s_median": round(statistics.median(t[0] for t in times), 3),
                          "first_full_map_s_median": round(statistics.median(t[1] for t in times), 3),
                          "runs": [[round(f, 3), round(g, 3)] for f, g in times]}))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
